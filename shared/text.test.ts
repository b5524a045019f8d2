import { describe, expect, it } from 'vitest';
import { searchForm, slugify } from './text.ts';

describe('search form', () => {
  it('drops case, accents and punctuation', () => {
    expect(searchForm('Noemí Planas')).toBe('noemi planas');
    expect(searchForm('AC/E', 'Acción Cultural Española')).toBe('ac e accion cultural espanola');
    expect(searchForm('  Fábrica   Morelos ')).toBe('fabrica morelos');
  });

  it('makes lower-case slugs', () => {
    expect(slugify('AMI Paraguay')).toBe('ami-paraguay');
    expect(slugify('Sympathy for the Lawyer')).toBe('sympathy-for-the-lawyer');
  });
});

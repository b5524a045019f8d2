import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../domain.ts';
import { catalogs, translate } from './index.ts';

/** Argument names a message uses, so a translation cannot drop or rename a placeholder. */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if ('value' in element && typeof element.value === 'string') found.add(element.value);
    if ('options' in element) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, found);
  }
  return found;
}

describe('message catalogs', () => {
  const reference = Object.keys(catalogs.en).sort();

  it('has the same files for every language', () => {
    const dir = import.meta.dirname;
    const files = (language: string) => readdirSync(join(dir, language)).sort();
    for (const language of LANGUAGES) expect(files(language)).toEqual(files('en'));
  });

  it.each(LANGUAGES)('defines each key in one file only (%s), so no file silently overrides another', (language) => {
    const dir = join(import.meta.dirname, language);
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const file of readdirSync(dir)) {
      for (const key of Object.keys(JSON.parse(readFileSync(join(dir, file), 'utf8')))) {
        const first = owner.get(key);
        if (first) twice.push(`${key} (${first}, ${file})`);
        else owner.set(key, file);
      }
    }
    expect(twice).toEqual([]);
  });

  it.each(LANGUAGES)('has every key in %s, and no key the others lack', (language) => {
    expect(Object.keys(catalogs[language]).sort()).toEqual(reference);
    for (const [key, message] of Object.entries(catalogs[language])) {
      expect(message.trim(), `${language}:${key} is empty`).not.toBe('');
    }
  });

  it.each(LANGUAGES)('has messages that parse as ICU and use the same placeholders as English (%s)', (language) => {
    for (const key of reference) {
      const message = catalogs[language][key] as string;
      let parsed: MessageFormatElement[] = [];
      expect(() => {
        parsed = parse(message);
      }, `${language}:${key}`).not.toThrow();
      expect([...argumentsOf(parsed)].sort(), `${language}:${key}`).toEqual(
        [...argumentsOf(parse(catalogs.en[key] as string))].sort(),
      );
    }
  });

  it('formats plurals and selects in both languages', () => {
    expect(translate('en', 'error.problem.minLength', { limit: 1 })).toBe('must be at least 1 character long');
    expect(translate('es', 'error.problem.minLength', { limit: 3 })).toBe('debe tener al menos 3 caracteres');
  });

  it('has no catalog file outside the two languages', () => {
    const entries = readdirSync(import.meta.dirname, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(entries.map((e) => e.name).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      for (const file of readdirSync(join(import.meta.dirname, language))) {
        expect(() => JSON.parse(readFileSync(join(import.meta.dirname, language, file), 'utf8'))).not.toThrow();
      }
    }
  });
});

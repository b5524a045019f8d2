import { describe, expect, it } from 'vitest';
import { plainText, wordDiff } from './word-diff.ts';

describe('the audit word diff', () => {
  it('marks only the words that changed in a long text', () => {
    const before = `${'The delegation met the partners. '.repeat(200)}It rained on Friday.`;
    const after = `${'The delegation met the partners. '.repeat(200)}It was sunny on Friday.`;
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['rained ']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['was sunny ']);
    expect(parts.map((p) => (p.kind === 'added' ? '' : p.text)).join('')).toBe(before);
    expect(parts.map((p) => (p.kind === 'removed' ? '' : p.text)).join('')).toBe(after);
  });

  it('compares rich text by the words a reader sees', () => {
    expect(plainText('<p>Hello <strong>world</strong> &amp; friends</p><p>Bye</p>')).toBe('Hello world & friends\nBye');
    expect(wordDiff('', 'new words')).toEqual([{ kind: 'added', text: 'new words' }]);
    expect(wordDiff('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
  });
});

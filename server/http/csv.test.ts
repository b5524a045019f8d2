import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('writes every cell a spreadsheet would run as a formula as text', () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(1)', '\t=1+1', '\r=1+1', '＝1+1'];
    const [header, ...lines] = parse(
      toCsv([['cell', -5], ...hostile.map((cell) => [cell, 7])], { bom: false }),
    ) as string[][];
    expect(header).toEqual(['cell', '-5']);
    expect(lines.map((line) => line[0])).toEqual(hostile.map((cell) => `'${cell}`));
    expect(lines.every((line) => line[1] === '7')).toBe(true);
  });

  it('leaves ordinary text as it is', () => {
    expect(toCsv([['Noemí Planas', 'IMICHILE; A2IM', 'a=b']])).toBe('Noemí Planas,IMICHILE; A2IM,a=b\n');
  });

  it('is the only writer of CSV in the server and the command line', () => {
    const writers = ['server', 'cli'].flatMap((root) =>
      readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
        .map((file) => join(root, file))
        .filter((path) => readFileSync(path, 'utf8').includes("from 'csv-stringify")),
    );
    expect(writers).toEqual([join('server', 'http', 'csv.ts')]);
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encuentro } from '../test/cli.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A draw as the server publishes it, built here by hand from the documented algorithm. */
function publishedDraw() {
  const seed = 'a3'.repeat(32);
  const eligible = [
    { personId: '1b0c4a52-0000-4000-8000-000000000001', name: 'Lucía Benítez' },
    { personId: '2c0c4a52-0000-4000-8000-000000000002', name: 'Tomás Quiroga' },
    { personId: '3d0c4a52-0000-4000-8000-000000000003', name: 'Chloe Whitfield' },
    { personId: '4e0c4a52-0000-4000-8000-000000000004', name: 'Priya Raman' },
  ];
  const prizes = [
    { prizeId: '9a000000-0000-4000-8000-000000000001', description: { en: 'Record bag', es: 'Bolsa de discos' } },
    { prizeId: '9a000000-0000-4000-8000-000000000001', description: { en: 'Record bag', es: 'Bolsa de discos' } },
    { prizeId: '9a000000-0000-4000-8000-000000000002', description: { en: 'Festival pass', es: 'Pase' } },
  ];
  const order = eligible
    .map((p) => ({ ...p, key: sha(`${seed}:${p.personId}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const skipped = order[0] as (typeof order)[number];
  const rest = order.slice(1);
  return {
    event: 'fim-gdl-2024',
    state: 'revealed',
    algorithm: 'sha256-order-v1',
    eligible,
    seedHash: sha(seed),
    seed,
    committedAt: '2024-03-02T22:05:00.000Z',
    revealedAt: '2024-03-02T22:10:00.000Z',
    prizes,
    skips: [{ personId: skipped.personId, name: skipped.name, reason: 'Absent', at: '2024-03-02T22:11:00.000Z' }],
    winners: prizes.map((prize, i) => ({
      prizeId: prize.prizeId,
      personId: (rest[i] as (typeof rest)[number]).personId,
      name: (rest[i] as (typeof rest)[number]).name,
      rank: i + 2,
    })),
  };
}

describe('encuentro draw verify', () => {
  let dir: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'draw-'));
    server = createServer((request, response) => {
      const body = request.url === '/draw' ? publishedDraw() : { ...publishedDraw(), winners: [] };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('confirms a published draw from a file, listing the winners, and exits 0', async () => {
    const file = join(dir, 'draw.json');
    writeFileSync(file, JSON.stringify(publishedDraw()));
    const run = await encuentro(['draw', 'verify', file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('SHA-256 matches');
    expect(run.stdout).toContain('Winners: match (3 prizes)');
    expect(run.stdout).toMatch(/1\. .+ rank 2/);
  });

  it('fetches a draw from a URL', async () => {
    const good = await encuentro(['draw', 'verify', `${url}/draw`]);
    expect(good.status).toBe(0);
    const bad = await encuentro(['draw', 'verify', `${url}/wrong-winners`]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('MISMATCH');
  });

  it('exits 1 when the seed does not match its hash, or the winners were changed, in Spanish too', async () => {
    const file = join(dir, 'tampered.json');
    const draw = publishedDraw();
    writeFileSync(file, JSON.stringify({ ...draw, seed: 'b4'.repeat(32) }));
    const run = await encuentro(['draw', 'verify', file], { LANG: 'es_MX.UTF-8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('NO COINCIDE');

    const swapped = join(dir, 'swapped.json');
    const winners = [...draw.winners];
    [winners[0], winners[1]] = [winners[1] as (typeof winners)[number], winners[0] as (typeof winners)[number]];
    writeFileSync(
      swapped,
      JSON.stringify({ ...draw, winners: winners.map((w, i) => ({ ...w, prizeId: draw.winners[i]?.prizeId })) }),
    );
    const other = await encuentro(['draw', 'verify', swapped]);
    expect(other.status).toBe(1);
  });

  it('says what is wrong with a missing argument or an unreadable file', async () => {
    const usage = await encuentro(['draw', 'verify']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('encuentro draw verify');
    const missing = await encuentro(['draw', 'verify', join(dir, 'nope.json')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Could not read the draw');
  });
});

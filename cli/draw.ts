import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type enBingo from '../shared/i18n/en/bingo.json';
import type { MessageKey, MessageValues } from '../shared/i18n/index.ts';
import { CliFailure, EXIT, type Output, reasonOf } from './output.ts';

/**
 * `encuentro draw verify URL|FILE`: recompute a published prize draw of the
 * bingo from its JSON alone. Written apart from the server's code on purpose:
 * it follows the published algorithm (docs/decisions/0013-verifiable-prize-draw.md),
 * not the implementation it checks.
 */

/** The fields of GET /api/events/:slug/bingo/draw that the check reads. */
export interface PublishedDraw {
  algorithm: string;
  eligible: { personId: string; name: string }[];
  seedHash: string | null;
  seed: string | null;
  prizes: { prizeId: string }[];
  skips: { personId: string }[];
  winners: { prizeId: string; personId: string; name?: string; rank?: number }[];
}

export interface DrawCheck {
  ok: boolean;
  revealed: boolean;
  knownAlgorithm: boolean;
  hashMatches: boolean;
  actualHash: string | null;
  winnersMatch: boolean;
  expected: { prizeId: string; personId: string; rank: number }[];
}

const sha256hex = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

export function verifyDraw(draw: PublishedDraw): DrawCheck {
  const knownAlgorithm = draw.algorithm === 'sha256-order-v1';
  if (!draw.seed || !draw.seedHash) {
    return {
      ok: false,
      revealed: false,
      knownAlgorithm,
      hashMatches: false,
      actualHash: null,
      winnersMatch: false,
      expected: [],
    };
  }
  const seed = draw.seed;
  const actualHash = sha256hex(seed);
  const hashMatches = actualHash === draw.seedHash.toLowerCase();
  // Order: SHA-256 of "<seed>:<personId>" as lowercase hex, ascending; equal keys (never seen) by personId.
  const keyed = draw.eligible.map((person) => ({ id: person.personId, key: sha256hex(`${seed}:${person.personId}`) }));
  keyed.sort((a, b) => (a.key === b.key ? (a.id < b.id ? -1 : 1) : a.key < b.key ? -1 : 1));
  const skipped = new Set(draw.skips.map((s) => s.personId));
  const expected: DrawCheck['expected'] = [];
  let rank = 0;
  for (const unit of draw.prizes) {
    while (rank < keyed.length && skipped.has((keyed[rank] as { id: string }).id)) rank++;
    const person = keyed[rank];
    if (!person) break;
    expected.push({ prizeId: unit.prizeId, personId: person.id, rank: rank + 1 });
    rank++;
  }
  const winnersMatch =
    expected.length === draw.winners.length &&
    expected.every((w, i) => draw.winners[i]?.prizeId === w.prizeId && draw.winners[i]?.personId === w.personId);
  return {
    ok: knownAlgorithm && hashMatches && winnersMatch,
    revealed: true,
    knownAlgorithm,
    hashMatches,
    actualHash,
    winnersMatch,
    expected,
  };
}

type BingoKey = keyof typeof enBingo;
const say = (out: Output, key: BingoKey, values?: MessageValues) => out.say(key as MessageKey, values);
const complain = (out: Output, key: BingoKey, values?: MessageValues) => out.complain(key as MessageKey, values);

async function readDraw(source: string): Promise<PublishedDraw> {
  try {
    if (/^https?:\/\//.test(source)) {
      const response = await fetch(source, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as PublishedDraw;
    }
    return JSON.parse(await readFile(source, 'utf8')) as PublishedDraw;
  } catch (error) {
    throw new CliFailure(EXIT.failed, 'bingo.cli.unreadable' as MessageKey, { source, reason: reasonOf(error) });
  }
}

export async function drawVerifyCommand(out: Output, source: string): Promise<number> {
  const draw = await readDraw(source);
  if (!Array.isArray(draw.eligible) || !Array.isArray(draw.prizes) || !Array.isArray(draw.winners)) {
    throw new CliFailure(EXIT.failed, 'bingo.cli.unreadable' as MessageKey, { source, reason: 'not a published draw' });
  }
  const check = verifyDraw({ ...draw, skips: draw.skips ?? [] });
  if (!check.knownAlgorithm) {
    complain(out, 'bingo.cli.unknown_algorithm', { algorithm: draw.algorithm });
    return EXIT.failed;
  }
  if (!check.revealed) {
    complain(out, 'bingo.cli.not_revealed');
    return EXIT.failed;
  }
  if (check.hashMatches) say(out, 'bingo.cli.hash_ok', { hash: draw.seedHash });
  else complain(out, 'bingo.cli.hash_mismatch', { actual: check.actualHash, hash: draw.seedHash });
  const names = new Map(draw.eligible.map((p) => [p.personId, p.name]));
  say(out, 'bingo.cli.order', { count: draw.eligible.length });
  check.expected.forEach((w, i) => {
    say(out, 'bingo.cli.winner', {
      unit: i + 1,
      name: names.get(w.personId) ?? '?',
      personId: w.personId,
      rank: w.rank,
    });
  });
  if (check.winnersMatch) say(out, 'bingo.cli.winners_ok', { count: check.expected.length });
  else complain(out, 'bingo.cli.winners_mismatch');
  return check.ok ? EXIT.ok : EXIT.failed;
}

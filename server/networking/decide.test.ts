import { describe, expect, it } from 'vitest';
import { type BatchFacts, type CodeHolder, decideScans, type IncomingScan, pairKey } from './decide.ts';

const RULES = { minSecondsBetweenConnections: 5, allowedClockSkewSeconds: 120 };
const T0 = Date.parse('2024-03-02T19:00:00Z');
const [ANA, BETO, CARLA, DANI] = ['a1', 'b2', 'c3', 'd4'];
/** Printed codes of the attendees, as the badge alphabet has them. */
const CODES: Record<string, string> = { [ANA]: 'ANA234', [BETO]: 'BET234', [CARLA]: 'CAR234', [DANI]: 'DAN234' };

const scan = (scanner: string, scanned: string, seconds: number, nonce = `${scanner}-${seconds}`): IncomingScan => ({
  scanner,
  nonce,
  code: CODES[scanned] ?? 'ZZZ999',
  method: 'short_code',
  scannedAt: new Date(T0 + seconds * 1000),
  receivedAt: new Date(T0 + 60_000),
});

function facts(scans: IncomingScan[], more: Partial<BatchFacts> = {}): BatchFacts {
  const byCode = new Map(Object.entries(CODES).map(([person, code]) => [code, person]));
  return {
    eventStartsOn: '2024-02-28',
    rotating: false,
    attending: new Set([ANA, BETO, CARLA, DANI]),
    holders: scans.map((s): CodeHolder => {
      const personId = byCode.get(s.code);
      return personId ? { kind: 'holder', personId } : { kind: 'unknown' };
    }),
    receipts: new Map(),
    pairs: new Map(),
    near: new Set(),
    usedCodes: new Set(),
    ...more,
  };
}

const ids = () => {
  let n = 0;
  return () => `connection-${++n}`;
};
const outcomes = (decisions: ReturnType<typeof decideScans>) =>
  decisions.map((d) => (d.outcome === 'rejected' ? `rejected:${d.reason}` : d.outcome));

describe('judging scans that arrive together', () => {
  it('counts a pair once when both sides scan in the same batch', () => {
    const scans = [scan(ANA, BETO, 0), scan(BETO, ANA, 1)];
    const decisions = decideScans(scans, facts(scans), RULES, ids());
    expect(outcomes(decisions)).toEqual(['connected', 'repeat']);
    expect(decisions[1]).toMatchObject({ connectionId: 'connection-1', scanned: ANA });
  });

  it('answers a scan sent twice under its nonce with the first answer, and refuses another scan under it', () => {
    const scans = [scan(ANA, BETO, 0, 'same'), scan(ANA, BETO, 0, 'same'), scan(ANA, CARLA, 30, 'same')];
    const decisions = decideScans(scans, facts(scans), RULES, ids());
    expect(outcomes(decisions)).toEqual(['connected', 'stored', 'nonce_conflict']);
    expect(decisions[1]).toMatchObject({ receipt: { outcome: 'connected', scannedPersonId: BETO } });
  });

  it('places a pair at the earliest scan of either phone, whichever arrives first', () => {
    const scans = [scan(ANA, BETO, 40), scan(BETO, ANA, 20), scan(BETO, ANA, 30, 'later')];
    const decisions = decideScans(scans, facts(scans), RULES, ids());
    expect(outcomes(decisions)).toEqual(['connected', 'repeat', 'repeat']);
    expect(decisions[1]).toMatchObject({
      connectionId: 'connection-1',
      earlier: { id: 'connection-1', scanner: BETO, scanned: ANA, scannedAt: new Date(T0 + 20_000) },
    });
    expect(decisions[2]).not.toHaveProperty('earlier');
  });

  it('applies the pace rule to connections made earlier in the same batch, on either side in time', () => {
    const scans = [scan(ANA, BETO, 10), scan(ANA, CARLA, 12), scan(ANA, DANI, 6), scan(ANA, DANI, 16)];
    expect(outcomes(decideScans(scans, facts(scans), RULES, ids()))).toEqual([
      'connected',
      'rejected:too_fast',
      'rejected:too_fast',
      'connected',
    ]);
  });

  it('lets a repeat through the pace rule, and takes the database’s word for pairs and pace', () => {
    const scans = [scan(ANA, BETO, 0), scan(ANA, CARLA, 1)];
    const decisions = decideScans(
      scans,
      facts(scans, {
        pairs: new Map([[pairKey(BETO, ANA), { id: 'old', scannedAt: new Date(T0 - 60_000) }]]),
        near: new Set([0, 1]),
      }),
      RULES,
      ids(),
    );
    expect(outcomes(decisions)).toEqual(['repeat', 'rejected:too_fast']);
  });

  it('refuses self, unknown codes, bad times, and answers nothing for someone not attending', () => {
    const late = { ...scan(BETO, CARLA, 0), scannedAt: new Date(T0 + 60_000 + 121_000) };
    const early = { ...scan(BETO, DANI, 0, 'early'), scannedAt: new Date('2024-02-26T12:00:00Z') };
    const scans = [scan(ANA, ANA, 0), scan(CARLA, 'nobody', 0), late, early, scan('stranger', ANA, 0)];
    expect(outcomes(decideScans(scans, facts(scans), RULES, ids()))).toEqual([
      'rejected:self',
      'rejected:unknown_code',
      'rejected:bad_time',
      'rejected:bad_time',
      'not_attending',
    ]);
  });

  it('uses a rotating code once, even within one batch, and names the holder of an expired one', () => {
    const scans = [scan(ANA, BETO, 0), scan(CARLA, BETO, 0), scan(DANI, BETO, 0)];
    const decisions = decideScans(
      scans,
      facts(scans, {
        rotating: true,
        holders: [
          { kind: 'holder', personId: BETO },
          { kind: 'holder', personId: BETO },
          { kind: 'expired', personId: BETO },
        ],
      }),
      RULES,
      ids(),
    );
    expect(outcomes(decisions)).toEqual(['connected', 'rejected:reused', 'rejected:expired']);
    expect(decisions[0]).toMatchObject({ connection: { method: 'rotating_code' } });
    expect(decisions[2]).toMatchObject({ scanned: BETO });
  });

  it('refuses, without a receipt, the codes naming nobody past what each scanner has left', () => {
    const unknown = (scanner: string, seconds: number) => ({
      ...scan(scanner, 'nobody', seconds),
      code: `ZZZ${seconds}X`,
    });
    const scans = [
      unknown(ANA, 2),
      unknown(ANA, 3),
      unknown(BETO, 4),
      unknown(ANA, 5),
      scan(ANA, BETO, 6),
      unknown(ANA, 7),
      unknown(ANA, 2),
    ];
    const decisions = decideScans(scans, facts(scans, { guessesLeft: new Map([[ANA, 2]]) }), RULES, ids());
    // Beto has no limit here; Ana's third guess and those after it are turned away, her real scan is not,
    // and the answer already given to a scan is given again when it is sent again.
    expect(outcomes(decisions)).toEqual([
      'rejected:unknown_code',
      'rejected:unknown_code',
      'rejected:unknown_code',
      'throttled',
      'connected',
      'throttled',
      'stored',
    ]);
  });
});

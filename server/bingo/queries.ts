import { sql } from 'drizzle-orm';
import { jsonb, type Queryable, rows } from '../db/client.ts';

/** A player's choice for the big screen, on their card (dealt already). Returns whether the card exists. */
export async function setShowName(db: Queryable, gameId: string, personId: string, showName: boolean) {
  const updated = await rows<{ n: number }>(
    db,
    sql`update bingo_cards set show_name = ${showName} where game_id = ${gameId} and person_id = ${personId}
        returning 1 as n`,
  );
  return updated.length > 0;
}

export async function showNameOf(db: Queryable, gameId: string, personId: string): Promise<boolean> {
  const [row] = await rows<{ showName: boolean }>(
    db,
    sql`select show_name as "showName" from bingo_cards where game_id = ${gameId} and person_id = ${personId}`,
  );
  return row?.showName ?? false;
}

export interface CompletionRow {
  name: string;
  consent: boolean;
  country: string | null;
  at: Date | string;
}

/** The cards completed most recently (on the phones' clock), newest first. */
export function latestCompletions(db: Queryable, gameId: string, eventId: string, limit: number) {
  return rows<CompletionRow>(
    db,
    sql`select p.name, k.show_name as consent, coalesce(a.country_code, p.country_code) as country, k.completed_at as at
        from bingo_cards k join people p on p.id = k.person_id
        left join attendances a on a.event_id = ${eventId} and a.person_id = k.person_id
        where k.game_id = ${gameId} and k.completed_at is not null
        order by k.completed_at desc, k.person_id limit ${limit}`,
  );
}

export interface WinnerRow {
  personId: string;
  name: string;
  consent: boolean;
  country: string | null;
}

/** What the big screen may show of the winners: their consent and country, by person. */
export function winnerFaces(db: Queryable, gameId: string, eventId: string, personIds: string[]) {
  return rows<WinnerRow>(
    db,
    sql`select p.id as "personId", p.name, coalesce(k.show_name, false) as consent,
               coalesce(a.country_code, p.country_code) as country
        from people p
        left join bingo_cards k on k.game_id = ${gameId} and k.person_id = p.id
        left join attendances a on a.event_id = ${eventId} and a.person_id = p.id
        where p.id = any(array(select value::uuid from jsonb_array_elements_text(${jsonb(personIds)})))`,
  );
}

export interface WinnerToTell {
  personId: string;
  prizeId: string;
  name: string;
  email: string | null;
  languages: string[] | null;
}

/**
 * Record that these winners are told, inside the draw's transaction; returns only those not told before
 * (a skip recomputes every winner, and those already told must not be told twice).
 */
export function recordWinnersTold(
  tx: Queryable,
  gameId: string,
  now: Date,
  winners: { personId: string; prizeId: string }[],
) {
  return rows<WinnerToTell>(
    tx,
    sql`with told as (
          insert into bingo_winner_notices (game_id, person_id, prize_id, told_at)
          select ${gameId}::uuid, x."personId", x."prizeId", ${now.toISOString()}::timestamptz
          from jsonb_to_recordset(${jsonb(winners)}) as x("personId" uuid, "prizeId" uuid)
          on conflict do nothing
          returning person_id, prize_id)
        select t.person_id as "personId", t.prize_id as "prizeId", p.name,
               coalesce(u.email, p.email) as email, p.languages
        from told t join people p on p.id = t.person_id
        left join lateral (select email from users where person_id = p.id limit 1) u on true`,
  );
}

/** The in-app notice of a prize won, one per winner told. */
export async function insertWinnerNotifications(
  tx: Queryable,
  now: Date,
  notices: { personId: string; payload: Record<string, unknown> }[],
) {
  if (notices.length === 0) return;
  await tx.execute(
    sql`insert into notifications (person_id, kind, payload, created_at)
        select x."personId", 'bingo_won', x.payload, ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${jsonb(notices)}) as x("personId" uuid, payload jsonb)`,
  );
}

/** The winners of a revealed draw ([] before the reveal), as the draw stored them. */
export async function revealedWinners(db: Queryable, gameId: string) {
  const [draw] = await rows<{ winners: { prizeId: string; personId: string; rank: number }[] | null }>(
    db,
    sql`select winners from bingo_draws where game_id = ${gameId} and revealed_at is not null`,
  );
  return draw?.winners ?? [];
}

export function prizeDescriptions(db: Queryable, gameId: string) {
  return rows<{ id: string; descriptionEn: string; descriptionEs: string | null }>(
    db,
    sql`select id, description_en as "descriptionEn", description_es as "descriptionEs"
        from bingo_prizes where game_id = ${gameId}`,
  );
}

import { sql } from 'drizzle-orm';
import { type Queryable, rows } from '../db/client.ts';

export interface EventRow {
  id: string;
  slug: string;
  nameEn: string;
  nameEs: string | null;
  timeZone: string;
  startsOn: string;
  endsOn: string;
}

export async function selectEvent(db: Queryable, slug: string) {
  const [row] = await rows<EventRow>(
    db,
    sql`select id, slug, name_en as "nameEn", name_es as "nameEs", time_zone as "timeZone",
               starts_on::text as "startsOn", ends_on::text as "endsOn"
        from events where slug = ${slug} limit 1`,
  );
  return row;
}

export interface Counts {
  attendees: number;
  withoutAccount: number;
  joined: number;
  checkedIn: number;
  delegations: number;
  confirmed: number;
  planned: number;
  members: number;
}

/** The event's people and delegations, counted in one statement. */
export async function selectCounts(db: Queryable, eventId: string): Promise<Counts> {
  const [row] = await rows<Counts>(
    db,
    sql`select
          (select count(*)::int from attendances a where a.event_id = ${eventId}) as attendees,
          (select count(*)::int from attendances a where a.event_id = ${eventId}
             and not exists (select 1 from users u where u.person_id = a.person_id)) as "withoutAccount",
          (select count(*)::int from attendances a where a.event_id = ${eventId}
             and exists (select 1 from users u where u.person_id = a.person_id and u.last_sign_in_at is not null)) as joined,
          (select count(*)::int from attendances a where a.event_id = ${eventId} and a.checked_in_at is not null)
            as "checkedIn",
          (select count(*)::int from delegations d where d.event_id = ${eventId} and d.status <> 'cancelled')
            as delegations,
          (select count(*)::int from delegations d where d.event_id = ${eventId} and d.status = 'confirmed') as confirmed,
          (select count(*)::int from delegations d where d.event_id = ${eventId} and d.status = 'planned') as planned,
          (select count(*)::int from delegation_members m join delegations d on d.id = m.delegation_id
             where d.event_id = ${eventId} and d.status <> 'cancelled') as members`,
  );
  return row as Counts;
}

export interface SessionFillRow {
  id: string;
  titleEn: string;
  titleEs: string | null;
  startsAt: Date | string;
  capacity: number | null;
  confirmed: number;
  waitlisted: number;
  checkedIn: number;
}

/** Sessions that can fill up (a capacity) or have people waiting, fullest first. */
export function selectSessionFill(db: Queryable, eventId: string) {
  return rows<SessionFillRow>(
    db,
    sql`select * from (
          select s.id, s.title_en as "titleEn", s.title_es as "titleEs", s.starts_at as "startsAt", s.capacity,
                 (select count(*)::int from rsvps r where r.session_id = s.id and r.status = 'confirmed') as confirmed,
                 (select count(*)::int from rsvps r where r.session_id = s.id and r.status = 'waitlisted') as waitlisted,
                 (select count(*)::int from check_ins c where c.session_id = s.id and c.outcome = 'checked_in')
                   as "checkedIn"
          from sessions s where s.event_id = ${eventId} and s.status <> 'cancelled') x
        where x.capacity is not null or x.waitlisted > 0
        order by (x.confirmed::float / greatest(coalesce(x.capacity, x.confirmed), 1)) desc, x.waitlisted desc,
                 x."startsAt"`,
  );
}

export async function selectBingo(db: Queryable, eventId: string) {
  const [row] = await rows<{
    startsAt: Date | string;
    endsAt: Date | string;
    players: number;
    completed: number;
    committed: boolean;
    revealed: boolean;
  }>(
    db,
    sql`select g.starts_at as "startsAt", g.ends_at as "endsAt",
               (select count(*)::int from bingo_cards k where k.game_id = g.id) as players,
               (select count(*)::int from bingo_cards k where k.game_id = g.id and k.completed_at is not null) as completed,
               exists (select 1 from bingo_draws d where d.game_id = g.id) as committed,
               exists (select 1 from bingo_draws d where d.game_id = g.id and d.revealed_at is not null) as revealed
        from bingo_games g where g.event_id = ${eventId}`,
  );
  return row;
}

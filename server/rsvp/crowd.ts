import { sql } from 'drizzle-orm';
import { hashToken, newToken } from '../accounts/tokens.ts';
import { type Queryable, rows } from '../db/client.ts';
import { ensureAttendance } from '../delegations/attendance.ts';
import { people } from '../directory/tables.ts';

export interface CrowdMember {
  personId: string;
  /** The value of the session cookie. */
  cookie: string;
}

/**
 * Many signed-in delegates at once, for the concurrency test and the
 * benchmark: a person, a delegate account and a live session each, written
 * in a few statements. Everyone attends the event, so delegates-only
 * sessions are open to them.
 */
export async function signedInCrowd(
  db: Queryable,
  options: { size: number; eventSlug: string; label: string; now: Date },
): Promise<CrowdMember[]> {
  const [event] = await rows<{ id: string }>(db, sql`select id from events where slug = ${options.eventSlug}`);
  if (!event) throw new Error(`no event ${options.eventSlug}`);
  const names = Array.from({ length: options.size }, (_, i) => `${options.label} ${i + 1}`);
  const crowdPeople = await db
    .insert(people)
    .values(names.map((name) => ({ name, searchText: name.toLowerCase(), fictional: true })))
    .returning({ id: people.id, name: people.name });
  const crowd: CrowdMember[] = [];
  const expires = new Date(options.now.getTime() + 24 * 3600 * 1000).toISOString();
  for (const person of crowdPeople) {
    const cookie = newToken();
    const email = `${person.name.toLowerCase().replace(/\s+/g, '.')}@crowd.example`;
    const [user] = await rows<{ id: string }>(
      db,
      sql`insert into users (email, role, person_id) values (${email}, 'delegate', ${person.id}) returning id`,
    );
    await db.execute(
      sql`insert into auth_sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
          values (${hashToken(cookie)}, ${(user as { id: string }).id}, ${options.now.toISOString()},
                  ${options.now.toISOString()}, ${expires})`,
    );
    await ensureAttendance(db, { eventId: event.id, personId: person.id, countryCode: null });
    crowd.push({ personId: person.id, cookie });
  }
  return crowd;
}

/** A fresh session of the event with a small capacity, for one round of RSVPs. */
export async function sessionWithCapacity(
  db: Queryable,
  eventSlug: string,
  capacity: number,
  title: string,
): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`insert into sessions (event_id, kind, title_en, starts_at, ends_at, capacity)
        select id, 'workshop', ${title}, '2024-02-29T18:00:00Z', '2024-02-29T19:00:00Z', ${capacity}
        from events where slug = ${eventSlug}
        returning id`,
  );
  return (row as { id: string }).id;
}

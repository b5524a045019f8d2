import { sql } from 'drizzle-orm';
import { zonedTimeToInstant } from '../../shared/time.ts';
import { type Queryable, rows } from '../db/client.ts';

const EVENT = 'fim-gdl-2024';
const ZONE = 'America/Mexico_City';
const TABLES = 12;
const SLOT_MINUTES = 20;

/**
 * "Meet the local industry" at FIM GDL 2024: twelve meeting tables on the
 * Fábrica Morelos terrace on Thursday 29 February, 16:00–19:00 in 20-minute
 * slots (illustrative: the seed tells of delegates meeting the local industry,
 * not of a table plan). Delegates from Australia, Canada and the United
 * States meet Mexican labels and promoters: some meetings are confirmed at a
 * table, some requests still wait for an answer, and one meeting both sides
 * said took place.
 */
export async function insertMeetingsDemo(tx: Queryable): Promise<void> {
  const [event] = await rows<{ id: string }>(tx, sql`select id from events where slug = ${EVENT}`);
  if (!event) throw new Error(`Demo data: no event ${EVENT}`);
  const [space] = await rows<{ id: string }>(
    tx,
    sql`insert into meeting_spaces (event_id, name, venue_id, tables, slot_minutes)
        values (${event.id}, 'Fábrica Morelos terrace — meeting tables',
                (select id from venues where slug = 'fabrica-morelos'), ${TABLES}, ${SLOT_MINUTES})
        returning id`,
  );
  const start = zonedTimeToInstant('2024-02-29', '16:00', ZONE).getTime();
  const slots: { id: string; startsAt: string }[] = [];
  for (let i = 0; i < 9; i++) {
    const startsAt = new Date(start + i * SLOT_MINUTES * 60_000).toISOString();
    const endsAt = new Date(start + (i + 1) * SLOT_MINUTES * 60_000).toISOString();
    const [slot] = await rows<{ id: string }>(
      tx,
      sql`insert into meeting_slots (space_id, event_id, starts_at, ends_at)
          values (${space?.id}, ${event.id}, ${startsAt}, ${endsAt}) returning id`,
    );
    slots.push({ id: (slot as { id: string }).id, startsAt });
  }

  const attendeesFrom = (countries: string[]) =>
    rows<{ id: string }>(
      tx,
      sql`select p.id from attendances a join people p on p.id = a.person_id
          where a.event_id = ${event.id} and not a.is_staff and not a.is_partner
            and coalesce(a.country_code, p.country_code) in ${countries}
          order by p.fictional, p.name`,
    );
  const locals = await attendeesFrom(['MX']);
  const visitors = await attendeesFrom(['AU', 'CA', 'US']);
  if (locals.length < 4 || visitors.length < 6) throw new Error('Demo data: too few attendees for the meetings');
  const local = (i: number) => (locals[i % locals.length] as { id: string }).id;
  const visitor = (i: number) => (visitors[i % visitors.length] as { id: string }).id;
  const slotId = (i: number) => (slots[i] as { id: string }).id;
  const createdAt = zonedTimeToInstant('2024-02-27', '12:00', ZONE).toISOString();

  const meeting = async (requester: string, invitee: string, message: string, offered: number[]) => {
    const [row] = await rows<{ id: string }>(
      tx,
      sql`insert into meetings (event_id, requester_id, invitee_id, message, status, awaiting_id, offered, created_at, updated_at)
          values (${event.id}, ${requester}, ${invitee}, ${message}, 'pending', ${invitee},
                  ${JSON.stringify(offered.map(slotId))}::jsonb, ${createdAt}, ${createdAt})
          returning id`,
    );
    return (row as { id: string }).id;
  };
  const confirm = async (id: string, people: string[], slot: number, table: number) => {
    await tx.execute(
      sql`update meetings set status = 'confirmed', slot_id = ${slotId(slot)}, table_no = ${table}, awaiting_id = null,
                 offered = '[]'::jsonb, version = 2 where id = ${id}`,
    );
    for (const person of people) {
      await tx.execute(
        sql`insert into meeting_bookings (meeting_id, slot_id, person_id) values (${id}, ${slotId(slot)}, ${person})`,
      );
    }
  };

  // Confirmed: visitors who asked the local industry, each at a table of their own in its slot.
  const confirmed: [number, number, number, number, string][] = [
    [0, 0, 0, 1, 'Distribution of Australian catalogues in Mexico: could we compare notes?'],
    [1, 1, 0, 2, 'We are looking for a Mexican partner for a Canadian tour in the autumn.'],
    [2, 2, 1, 1, 'Sync licensing between the US and Mexico — ten minutes of your time?'],
    [3, 3, 2, 1, 'Next steps for ADMI and what our association learned in its first year.'],
  ];
  for (const [v, l, slot, table, message] of confirmed) {
    const id = await meeting(visitor(v), local(l), message, [slot, slot + 1]);
    await confirm(id, [visitor(v), local(l)], slot, table);
  }
  // The first meeting took place: both said so.
  await tx.execute(
    sql`update meetings set requester_outcome = 'met', invitee_outcome = 'met', version = 3
        where event_id = ${event.id} and requester_id = ${visitor(0)} and invitee_id = ${local(0)}`,
  );
  // Waiting: two requests for the local industry to answer, and one a Mexican label sent to a visitor.
  await meeting(visitor(4), local(0), 'Would you have a slot for a quick hello from Canada?', [4, 5, 6]);
  await meeting(visitor(5), local(1), 'Interested in your catalogue for Australian radio.', [5, 6]);
  await meeting(
    local(2),
    visitor(1),
    'Nos gustaría presentarte a nuestros artistas para festivales en Canadá.',
    [6, 7],
  );
}

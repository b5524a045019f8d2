import { sql } from 'drizzle-orm';
import { zonedTimeToInstant } from '../../shared/time.ts';
import { type Queryable, rows } from '../db/client.ts';

const EVENT = 'fim-gdl-2024';
const ZONE = 'America/Mexico_City';

/**
 * Announcements staff sent during the trip. The seed tells of receptions and
 * showcases announced on the day; the wording and times here are
 * illustrative. They are stored as sent (inbox copies, some read), without
 * mail or push: those belong to the days they were sent.
 */
const ANNOUNCEMENTS = [
  {
    at: ['2024-02-28', '10:15'],
    audience: { kind: 'all', value: null },
    title: {
      en: 'Partner reception tonight: Canada House at C3',
      es: 'Recepción de socios esta noche: Canada House en C3',
    },
    body: {
      en: 'CIMA invites every WIN delegate to Canada House on the C3 stage at 21:00. Show your badge at the door; drinks from 20:30. (Illustrative.)',
      es: 'CIMA invita a todas las personas de las delegaciones de WIN a Canada House en el escenario C3 a las 21:00. Muestra tu gafete en la entrada; bebidas desde las 20:30. (Ilustrativo.)',
    },
    readShare: 0.6,
  },
  {
    at: ['2024-02-29', '09:00'],
    audience: { kind: 'language', value: 'es' },
    title: {
      en: 'LatAm Network meeting: room change',
      es: 'Reunión de la Red LatAm: cambio de sala',
    },
    body: {
      en: 'The LatAm Network meets on the terrace of Fábrica Morelos instead of the main hall. Same time. (Illustrative.)',
      es: 'La Red LatAm se reúne en la terraza de Fábrica Morelos en lugar de la sala principal. Misma hora. (Ilustrativo.)',
    },
    readShare: 0.4,
  },
  {
    at: ['2024-03-01', '17:30'],
    audience: { kind: 'all', value: null },
    title: {
      en: 'Connection bingo: last evening to fill your card',
      es: 'Bingo de conexiones: última tarde para llenar tu cartón',
    },
    body: {
      en: 'The prize draw is tomorrow at the closing social. Scan the badges of delegates from countries still missing on your card.',
      es: 'El sorteo de premios es mañana en el cierre. Escanea los gafetes de delegados de los países que aún faltan en tu cartón.',
    },
    readShare: 0.3,
  },
] as const;

export async function insertDemoAnnouncements(tx: Queryable): Promise<void> {
  const [event] = await rows<{ id: string }>(tx, sql`select id from events where slug = ${EVENT}`);
  if (!event) throw new Error(`Demo data: no event ${EVENT}`);
  for (const a of ANNOUNCEMENTS) {
    const sentAt = zonedTimeToInstant(a.at[0], a.at[1], ZONE);
    const readUntil = new Date(sentAt.getTime() + 3 * 3600_000);
    // Recipients as the audience would have chosen them; a share of them, picked by id, read it within hours.
    const audience =
      a.audience.kind === 'language'
        ? sql`and array_position(p.languages, 'es') is not null
              and (array_position(p.languages, 'en') is null
                   or array_position(p.languages, 'es') < array_position(p.languages, 'en'))`
        : sql``;
    const [row] = await rows<{ id: string }>(
      tx,
      sql`insert into announcements (event_id, title_en, title_es, body_en, body_es, audience_kind, audience_value,
                                     send_at, sent_at, created_at)
          values (${event.id}, ${a.title.en}, ${a.title.es}, ${a.body.en}, ${a.body.es}, ${a.audience.kind},
                  ${a.audience.value}, ${sentAt}, ${sentAt}, ${sentAt})
          returning id`,
    );
    await tx.execute(sql`
      insert into announcement_recipients (announcement_id, person_id, read_at)
      select ${row?.id}::uuid, at.person_id,
             case when ('x' || substr(md5(at.person_id::text || ${a.title.en}), 1, 6))::bit(24)::int
                       < ${Math.round(a.readShare * 0xffffff)} then ${readUntil}::timestamptz end
      from attendances at join people p on p.id = at.person_id
      where at.event_id = ${event.id} ${audience}`);
    await tx.execute(sql`
      update announcements set recipients = (select count(*) from announcement_recipients where announcement_id = id)
      where id = ${row?.id}`);
  }
}

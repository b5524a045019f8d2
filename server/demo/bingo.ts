import { sql } from 'drizzle-orm';
import { zonedTimeToInstant } from '../../shared/time.ts';
import { bingoCells, bingoGames, bingoPrizes } from '../bingo/tables.ts';
import { type Queryable, rows } from '../db/client.ts';
import { ensureAttendance } from '../delegations/attendance.ts';
import { playBingoDemo } from './bingo-play.ts';

const EVENT = 'fim-gdl-2024';

/** Gifts from partners named in the seed article; what each gives is illustrative, not known. */
const PRIZES = [
  {
    partner: 'sounds-from-spain',
    en: 'Illustrative prize: a Sounds from Spain record bag',
    es: 'Premio ilustrativo: una bolsa de discos de Sounds from Spain',
    quantity: 2,
  },
  {
    partner: 'canada-house',
    en: 'Illustrative prize: a Canada House showcase pass',
    es: 'Premio ilustrativo: un pase para el showcase de Canada House',
    quantity: 1,
  },
  {
    partner: 'chilemusica',
    en: 'Illustrative prize: a box of Chilean vinyl from Chilemúsica',
    es: 'Premio ilustrativo: una caja de vinilos chilenos de Chilemúsica',
    quantity: 1,
  },
  {
    partner: 'portamerica-latitudes',
    en: 'Illustrative prize: two tickets to Portamérica Latitudes',
    es: 'Premio ilustrativo: dos entradas para Portamérica Latitudes',
    quantity: 1,
  },
];

/**
 * The connection bingo of WINHUB x FIM GDL, the closing social of the trip
 * (2 March 2024, 13:00–16:00 in Guadalajara, as illustrative as the session
 * it belongs to). The fictional delegates attend and are checked in (their
 * attendances are added if the delegations demo has not), and agree to be
 * named on the big screen; the cells are the countries of those present.
 * The game is then played and its prizes drawn (see bingo-play.ts), so the
 * demo shows the finished game the seed article tells of.
 */
export async function insertBingoDemo(tx: Queryable): Promise<void> {
  const [event] = await rows<{ id: string; timeZone: string }>(
    tx,
    sql`select id, time_zone as "timeZone" from events where slug = ${EVENT}`,
  );
  if (!event) return;
  const [existing] = await rows<{ id: string }>(tx, sql`select id from bingo_games where event_id = ${event.id}`);
  if (existing) return;

  const delegates = await rows<{ id: string }>(tx, sql`select id from people where fictional order by name`);
  for (const delegate of delegates) await ensureAttendance(tx, { eventId: event.id, personId: delegate.id });
  const startsAt = zonedTimeToInstant('2024-03-02', '13:00', event.timeZone);
  const endsAt = zonedTimeToInstant('2024-03-02', '16:00', event.timeZone);
  await tx.execute(
    sql`update attendances set checked_in_at = coalesce(checked_in_at, ${startsAt}), show_on_big_screen = true
        where event_id = ${event.id} and person_id in (select id from people where fictional)`,
  );
  // Staff checked them in at the door of the WINHUB, one every twenty seconds from a quarter to one
  // (illustrative): the door's list and count on the back office, and the countries present for the cells.
  const doorOpens = zonedTimeToInstant('2024-03-02', '12:45', event.timeZone);
  await tx.execute(
    sql`insert into check_ins (event_id, person_id, nonce, code, outcome, checked_in_at, received_at)
        select a.event_id, a.person_id, 'demo-door-' || a.badge_code, a.badge_code, 'checked_in',
               ${doorOpens}::timestamptz + (row_number() over (order by p.name) - 1) * interval '20 seconds',
               ${doorOpens}::timestamptz + (row_number() over (order by p.name) - 1) * interval '20 seconds'
        from attendances a join people p on p.id = a.person_id
        where a.event_id = ${event.id} and p.fictional
        on conflict do nothing`,
  );
  await tx.execute(
    sql`update attendances a set checked_in_at = least(a.checked_in_at, c.checked_in_at)
        from check_ins c
        where c.event_id = a.event_id and c.person_id = a.person_id and c.session_id is null
          and c.outcome = 'checked_in' and a.event_id = ${event.id}`,
  );

  const countries = await rows<{ code: string }>(
    tx,
    sql`select distinct a.country_code as code, c.name_en from attendances a join countries c on c.code = a.country_code
        where a.event_id = ${event.id} and a.checked_in_at is not null order by c.name_en`,
  );
  const [game] = await tx
    .insert(bingoGames)
    .values({
      eventId: event.id,
      titleEn: 'WINHUB connection bingo',
      titleEs: 'Bingo de conexiones WINHUB',
      gridSize: 3,
      winRule: 'line',
      startsAt,
      endsAt,
    })
    .returning({ id: bingoGames.id });
  const gameId = (game as { id: string }).id;
  if (countries.length > 0) {
    await tx
      .insert(bingoCells)
      .values(countries.map((country, position) => ({ gameId, countryCode: country.code, position })));
  }
  const partners = new Map(
    (
      await rows<{ id: string; slug: string }>(
        tx,
        sql`select id, slug from organizations where slug in (${sql.join(
          PRIZES.map((p) => sql`${p.partner}`),
          sql`, `,
        )})`,
      )
    ).map((row) => [row.slug, row.id]),
  );
  await tx.insert(bingoPrizes).values(
    PRIZES.map((prize, position) => ({
      gameId,
      partnerOrganizationId: partners.get(prize.partner) ?? null,
      descriptionEn: prize.en,
      descriptionEs: prize.es,
      quantity: prize.quantity,
      position,
    })),
  );
  await playBingoDemo(tx, event.id);
}

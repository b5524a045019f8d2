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

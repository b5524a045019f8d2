import { sql } from 'drizzle-orm';
import type { RsvpLiveMessage } from '../../shared/api/rsvp.ts';
import type { SessionVisibility } from '../../shared/domain.ts';
import { translate } from '../../shared/i18n/index.ts';
import type { AppContext } from '../context.ts';
import { jsonb, type Queryable, rows } from '../db/client.ts';
import { languageOfPerson } from '../delegations/service.ts';
import { enqueueMail, type OutgoingMail } from '../outbox/service.ts';

export interface Promotion {
  personId: string;
  sessionId: string;
  notificationId: string;
}

/** How to tell a promoted person: read with the batch that promoted them, or after a capacity change. */
export interface PromotedPerson {
  personId: string;
  name: string;
  email: string | null;
  languages: string[] | null;
}

/** What the mail and the live messages say about the session. */
export interface AnnouncedSession {
  id: string;
  eventId: string;
  eventSlug: string;
  titleEn: string;
  titleEs: string | null;
  visibility: SessionVisibility;
}

type Outgoing = Parameters<AppContext['live']['publishAll']>[0][number];

/** The mail to a promoted person, in their language, with a link from the public origin; none without an address. */
export function promotionMail(publicUrl: string, session: AnnouncedSession, who: PromotedPerson): OutgoingMail | null {
  if (!who.email) return null;
  const language = languageOfPerson(who.languages);
  const values = {
    name: who.name,
    session: (language === 'es' ? session.titleEs : null) ?? session.titleEn,
    link: `${publicUrl}/events/${session.eventSlug}?session=${session.id}`,
  };
  return {
    kind: 'waitlist',
    to: who.email,
    subject: translate(language, 'rsvp.mail.promoted.subject', values),
    text: translate(language, 'rsvp.mail.promoted.body', values),
  };
}

/** The live message for the promoted person's open pages. */
function tellPromoted(session: AnnouncedSession, promotion: Promotion): Outgoing {
  return {
    eventId: session.eventId,
    type: 'rsvp_promoted',
    data: { sessionId: session.id, notificationId: promotion.notificationId },
    audience: [promotion.personId],
  };
}

/** Who was promoted, with the session, read in one statement however many. */
function readPromoted(db: Queryable, promotions: Promotion[]) {
  return rows<PromotedPerson & AnnouncedSession>(
    db,
    sql`select p.id as "personId", p.name, coalesce(u.email, p.email) as email, p.languages,
               s.id, s.event_id as "eventId", e.slug as "eventSlug", s.title_en as "titleEn", s.title_es as "titleEs",
               s.visibility
        from (select distinct * from jsonb_to_recordset(${jsonb(promotions.map(({ personId, sessionId }) => ({ personId, sessionId })))})
                as x("personId" uuid, "sessionId" uuid)) x
        join people p on p.id = x."personId"
        join sessions s on s.id = x."sessionId"
        join events e on e.id = s.event_id
        left join lateral (select email from users where person_id = p.id limit 1) u on true`,
  );
}

/**
 * Inside the transaction that promoted them: each promoted person's mail goes
 * into the outbox, so it leaves if and only if the promotion commits.
 */
export async function mailPromotions(ctx: AppContext, tx: Queryable, promotions: Promotion[]): Promise<void> {
  if (promotions.length === 0) return;
  const found = await readPromoted(tx, promotions);
  const mails = found.map((row) => promotionMail(ctx.publicUrl, row, row)).filter((mail) => mail !== null);
  await enqueueMail(tx, ctx.clock.now(), mails);
}

/**
 * After the commit: tell each promoted person's open pages (their mail is in
 * the outbox already, see mailPromotions).
 */
export async function announcePromotions(ctx: AppContext, promotions: Promotion[]): Promise<void> {
  if (promotions.length === 0) return;
  const found = await readPromoted(ctx.db, promotions);
  const byPair = new Map(found.map((row) => [`${row.personId}|${row.id}`, row]));
  const messages: Outgoing[] = [];
  for (const promotion of promotions) {
    const row = byPair.get(`${promotion.personId}|${promotion.sessionId}`);
    if (row) messages.push(tellPromoted(row, promotion));
  }
  if (messages.length > 0) await ctx.live.publishAll(messages);
}

/**
 * After a batch's commit (its mails are in the outbox already): the live
 * messages (to those promoted, and the session's seats to every open page of
 * its event when the session is public) go in one NOTIFY, whose promise is returned.
 */
export function announceSeats(
  ctx: AppContext,
  session: AnnouncedSession,
  seats: { confirmed: number; capacity: number | null } | undefined,
  promotions: { promotion: Promotion; who: PromotedPerson | undefined }[],
): Promise<void> {
  const messages: Outgoing[] = [];
  for (const { promotion, who } of promotions) {
    if (who) messages.push(tellPromoted(session, promotion));
  }
  // Sessions not open to the public are not announced to every open page.
  if (seats && session.visibility === 'public') {
    const data: RsvpLiveMessage = { sessionId: session.id, confirmed: seats.confirmed, capacity: seats.capacity };
    messages.push({ eventId: session.eventId, type: 'rsvp', data });
  }
  return messages.length > 0 ? ctx.live.publishAll(messages) : Promise.resolve();
}

import { sql } from 'drizzle-orm';
import type { RsvpLiveMessage } from '../../shared/api/rsvp.ts';
import type { SessionVisibility } from '../../shared/domain.ts';
import { translate } from '../../shared/i18n/index.ts';
import type { AppContext } from '../context.ts';
import { jsonb, rows } from '../db/client.ts';
import { languageOfPerson } from '../delegations/service.ts';

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

/** Mail the promoted person (in their language); answer the live message for their open pages. */
function tellPromoted(ctx: AppContext, session: AnnouncedSession, who: PromotedPerson, promotion: Promotion): Outgoing {
  if (who.email) {
    const language = languageOfPerson(who.languages);
    const values = {
      name: who.name,
      session: (language === 'es' ? session.titleEs : null) ?? session.titleEn,
      link: `${ctx.publicUrl}/events/${session.eventSlug}?session=${session.id}`,
    };
    ctx.mailer
      .send({
        to: who.email,
        subject: translate(language, 'rsvp.mail.promoted.subject', values),
        text: translate(language, 'rsvp.mail.promoted.body', values),
      })
      .catch((error) => console.error('waitlist mail failed', error));
  }
  return {
    eventId: session.eventId,
    type: 'rsvp_promoted',
    data: { sessionId: session.id, notificationId: promotion.notificationId },
    audience: [promotion.personId],
  };
}

/**
 * After the commit: tell each promoted person by e-mail (their language) and
 * on their open pages; the mail's link starts with the public origin. One statement reads
 * everyone promoted, however many.
 */
export async function announcePromotions(ctx: AppContext, promotions: Promotion[]): Promise<void> {
  if (promotions.length === 0) return;
  const found = await rows<PromotedPerson & AnnouncedSession>(
    ctx.db,
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
  const byPair = new Map(found.map((row) => [`${row.personId}|${row.id}`, row]));
  const messages: Outgoing[] = [];
  for (const promotion of promotions) {
    const row = byPair.get(`${promotion.personId}|${promotion.sessionId}`);
    if (row) messages.push(tellPromoted(ctx, row, row, promotion));
  }
  if (messages.length > 0) await ctx.live.publishAll(messages);
}

/**
 * After a batch's commit: the mails to those promoted leave at once; the live
 * messages (theirs, and the session's seats to every open page of its event
 * when the session is public) go in one NOTIFY, whose promise is returned.
 */
export function announceSeats(
  ctx: AppContext,
  session: AnnouncedSession,
  seats: { confirmed: number; capacity: number | null } | undefined,
  promotions: { promotion: Promotion; who: PromotedPerson | undefined }[],
): Promise<void> {
  const messages: Outgoing[] = [];
  for (const { promotion, who } of promotions) {
    if (who) messages.push(tellPromoted(ctx, session, who, promotion));
  }
  // Sessions not open to the public are not announced to every open page.
  if (seats && session.visibility === 'public') {
    const data: RsvpLiveMessage = { sessionId: session.id, confirmed: seats.confirmed, capacity: seats.capacity };
    messages.push({ eventId: session.eventId, type: 'rsvp', data });
  }
  return messages.length > 0 ? ctx.live.publishAll(messages) : Promise.resolve();
}

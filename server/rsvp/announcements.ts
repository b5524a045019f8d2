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
  /** The origin of the request that freed the seat, for the mail's link when no PUBLIC_URL is configured. */
  origin?: string;
}

type Outgoing = Parameters<AppContext['live']['publishAll']>[0][number];

/**
 * After the commit: mail each promoted person (in their language) and return
 * the live messages for their open pages. One statement reads everyone
 * promoted, however many.
 */
async function mailPromotions(ctx: AppContext, promotions: Promotion[], origin: string): Promise<Outgoing[]> {
  if (promotions.length === 0) return [];
  const found = await rows<{
    person_id: string;
    session_id: string;
    name: string;
    email: string | null;
    languages: string[] | null;
    title_en: string;
    title_es: string | null;
    event_id: string;
    event_slug: string;
  }>(
    ctx.db,
    sql`select p.id as person_id, s.id as session_id, p.name, coalesce(u.email, p.email) as email, p.languages,
               s.title_en, s.title_es, s.event_id, e.slug as event_slug
        from (select distinct * from jsonb_to_recordset(${jsonb(promotions.map(({ personId, sessionId }) => ({ personId, sessionId })))})
                as x("personId" uuid, "sessionId" uuid)) x
        join people p on p.id = x."personId"
        join sessions s on s.id = x."sessionId"
        join events e on e.id = s.event_id
        left join lateral (select email from users where person_id = p.id limit 1) u on true`,
  );
  const byPair = new Map(found.map((row) => [`${row.person_id}|${row.session_id}`, row]));
  const messages: Outgoing[] = [];
  for (const promotion of promotions) {
    const who = byPair.get(`${promotion.personId}|${promotion.sessionId}`);
    if (!who) continue;
    if (who.email) {
      const language = languageOfPerson(who.languages);
      const values = {
        name: who.name,
        session: (language === 'es' ? who.title_es : null) ?? who.title_en,
        link: `${ctx.publicUrl ?? promotion.origin ?? origin}/events/${who.event_slug}?session=${promotion.sessionId}`,
      };
      ctx.mailer
        .send({
          to: who.email,
          subject: translate(language, 'rsvp.mail.promoted.subject', values),
          text: translate(language, 'rsvp.mail.promoted.body', values),
        })
        .catch((error) => console.error('waitlist mail failed', error));
    }
    messages.push({
      eventId: who.event_id,
      type: 'rsvp_promoted',
      data: { sessionId: promotion.sessionId, notificationId: promotion.notificationId },
      audience: [promotion.personId],
    });
  }
  return messages;
}

/**
 * After the commit: tell each promoted person by e-mail (their language) and
 * on their open pages. `origin` makes the link in the mail absolute when no
 * PUBLIC_URL is configured (the request's own origin).
 */
export async function announcePromotions(ctx: AppContext, promotions: Promotion[], origin = ''): Promise<void> {
  const messages = await mailPromotions(ctx, promotions, origin);
  if (messages.length > 0) await ctx.live.publishAll(messages);
}

/**
 * After a batch's commit: the promotions as above, and the session's seats to
 * every open page of its event when the session is public, in one NOTIFY.
 */
export async function announceSeats(
  ctx: AppContext,
  session: { id: string; eventId: string; visibility: SessionVisibility },
  seats: { confirmed: number; capacity: number | null } | undefined,
  promotions: Promotion[],
): Promise<void> {
  const messages = await mailPromotions(ctx, promotions, '');
  // Sessions not open to the public are not announced to every open page.
  if (seats && session.visibility === 'public') {
    const data: RsvpLiveMessage = { sessionId: session.id, confirmed: seats.confirmed, capacity: seats.capacity };
    messages.push({ eventId: session.eventId, type: 'rsvp', data });
  }
  if (messages.length > 0) await ctx.live.publishAll(messages);
}

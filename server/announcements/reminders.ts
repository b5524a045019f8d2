import type { ReminderSettings } from '../../shared/api/announcements.ts';
import { type MessageKey, translate } from '../../shared/i18n/index.ts';
import { requireSignedIn } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { notify } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { OUTBOX_CHANNEL } from '../outbox/service.ts';
import type { SessionChangeNotice, SessionHooks } from '../programme/editing.ts';
import {
  claimDueReminders,
  enqueuePushes,
  insertNotices,
  type PushForPerson,
  type SessionFacts,
  selectHolders,
  selectLeadMinutes,
  selectSessionFacts,
  upsertLeadMinutes,
} from './queries.ts';

export const DEFAULT_LEAD_MINUTES = 15;
/** Where a notification about my trip opens. */

/** "18:30" in the event's zone, as each language writes it, and the session's title in it. */
function sessionWords(session: SessionFacts, language: 'en' | 'es') {
  const time = new Intl.DateTimeFormat(language === 'es' ? 'es-MX' : 'en-US', {
    timeZone: session.time_zone,
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(session.starts_at));
  const title = (language === 'es' ? session.title_es : null) ?? session.title_en;
  return { time, title, venue: session.venue ?? '' };
}

const bothLanguages = (make: (language: 'en' | 'es') => string) => ({ en: make('en'), es: make('es') });

/**
 * Send the reminders come due (run by the outbox worker at every round, on
 * every instance): each is claimed once in `reminders_sent`, then becomes an
 * in-app notice and a push message per device of its person, in the same
 * transaction. A restart loses nothing: what came due meanwhile and has not
 * begun is found at the next round. Answers how many were sent.
 */
export async function sendDueReminders(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const due = await claimDueReminders(tx, now);
    if (due.length === 0) return 0;
    const sessions = new Map(
      (await selectSessionFacts(tx, [...new Set(due.map((d) => d.subject_id))])).map((s) => [s.id, s]),
    );
    const pushes: PushForPerson[] = [];
    const notices = [];
    for (const reminder of due) {
      const session = sessions.get(reminder.subject_id);
      if (!session) continue;
      const minutes = Math.max(1, Math.round((new Date(session.starts_at).getTime() - now.getTime()) / 60_000));
      notices.push({
        personId: reminder.person_id,
        kind: 'session_reminder',
        payload: { sessionId: session.id, source: reminder.source, startsAt: new Date(session.starts_at) },
      });
      pushes.push({
        personId: reminder.person_id,
        title: bothLanguages((l) => translate(l, 'announce.reminder.title', { minutes, ...sessionWords(session, l) })),
        body: bothLanguages((l) =>
          translate(
            l,
            session.venue ? 'announce.reminder.body' : 'announce.reminder.bodyNoVenue',
            sessionWords(session, l),
          ),
        ),
        url: sessionPath(session),
        tag: `reminder-${session.id}`,
      });
    }
    await insertNotices(tx, now, notices);
    await enqueuePushes(tx, now, pushes);
    await notify(tx, OUTBOX_CHANNEL, '');
    return due.length;
  });
}

/**
 * When a session of people's trips moves or is cancelled (the programme's
 * hook, after the commit), a push message tells each of them on their phones;
 * the in-app notice is the agenda's. A moved session is reminded of again
 * before its new start.
 */
export function reminderSessionHooks(ctx: AppContext): SessionHooks {
  return {
    async afterSessionChange(notice: SessionChangeNotice) {
      if (notice.change !== 'moved' && notice.change !== 'cancelled') return;
      const [session] = await selectSessionFacts(ctx.db, [notice.sessionId]);
      const people = await selectHolders(ctx.db, notice.sessionId);
      if (!session || people.length === 0) return;
      const key = notice.change === 'moved' ? 'announce.change.moved' : 'announce.change.cancelled';
      const title = bothLanguages((l) => translate(l, `${key}.title`, sessionWords(session, l)));
      const bodyKey: MessageKey =
        notice.change === 'moved' && !session.venue ? 'announce.change.moved.bodyNoVenue' : `${key}.body`;
      const body = bothLanguages((l) => translate(l, bodyKey, sessionWords(session, l)));
      const url = sessionPath(session);
      await ctx.db.transaction(async (tx) => {
        await enqueuePushes(
          tx,
          ctx.clock.now(),
          people.map((personId) => ({ personId, title, body, url, tag: `change-${session.id}` })),
        );
        await notify(tx, OUTBOX_CHANNEL, '');
      });
    },
  };
}

export async function reminderSettings(ctx: ServiceContext, viewer: Viewer | null): Promise<ReminderSettings> {
  const personId = requireSignedIn(viewer).personId;
  const lead = personId ? await selectLeadMinutes(ctx.db, personId) : undefined;
  return { leadMinutes: lead ?? DEFAULT_LEAD_MINUTES };
}

export async function changeReminderSettings(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: ReminderSettings,
): Promise<ReminderSettings> {
  const personId = requireSignedIn(viewer).personId;
  if (!personId) throw new AppError('rule_broken', 'announce.error.no_person', {});
  await upsertLeadMinutes(ctx.db, personId, input.leadMinutes);
  return { leadMinutes: input.leadMinutes };
}

/** A reminder or a change opens the session's own page. */
function sessionPath(session: { id: string; event_slug: string }): string {
  return `/events/${encodeURIComponent(session.event_slug)}/sessions/${encodeURIComponent(session.id)}`;
}

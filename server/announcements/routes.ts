import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import { PUSH_KIND, pushPublicKey, pushSender, subscribe, unsubscribe } from './push.ts';
import { changeReminderSettings, reminderSettings, sendDueReminders } from './reminders.ts';
import {
  changeRemindersSchema,
  createAnnouncementSchema,
  inboxSchema,
  listAnnouncementsSchema,
  pushKeySchema,
  readSchema,
  remindersSchema,
  subscribeSchema,
  unsubscribeSchema,
} from './schema.ts';
import { createAnnouncement, inbox, listAnnouncements, markInboxRead, sendDueAnnouncements } from './service.ts';

/**
 * Announcements, the inbox, reminders and push. This instance's outbox worker
 * sends the push messages and, at every round, the announcements and
 * reminders that came due. Personal answers: none is cached.
 */
export function announcementsRoutes(app: App, ctx: AppContext): void {
  ctx.outbox.handle(PUSH_KIND, pushSender(ctx));
  ctx.outbox.everyRound(async () => {
    await sendDueAnnouncements(ctx);
    await sendDueReminders(ctx);
  });

  app.post('/api/events/:slug/announcements', { schema: createAnnouncementSchema }, async (request, reply) => {
    const answer = await createAnnouncement(ctx, request.viewer, request.params.slug, request.body);
    return answer.dryRun ? reply.code(200).send(answer.count) : reply.code(201).send(answer.announcement);
  });

  app.get('/api/events/:slug/announcements', { schema: listAnnouncementsSchema }, (request) =>
    listAnnouncements(ctx, request.viewer, request.params.slug),
  );

  app.get('/api/me/inbox', { schema: inboxSchema }, (request) => inbox(ctx, request.viewer));

  app.post('/api/me/inbox/:id/read', { schema: readSchema }, (request) =>
    markInboxRead(ctx, request.viewer, request.params.id),
  );

  app.get('/api/push/key', { schema: pushKeySchema }, () => pushPublicKey(ctx));

  app.post('/api/me/push-subscriptions', { schema: subscribeSchema }, async (request, reply) =>
    reply.code(201).send(await subscribe(ctx, request.viewer, request.body, request.language)),
  );

  app.delete('/api/me/push-subscriptions', { schema: unsubscribeSchema }, async (request, reply) => {
    await unsubscribe(ctx, request.viewer, request.body.endpoint);
    return reply.code(204).send(null);
  });

  app.get('/api/me/reminders', { schema: remindersSchema }, (request) => reminderSettings(ctx, request.viewer));

  app.put('/api/me/reminders', { schema: changeRemindersSchema }, (request) =>
    changeReminderSettings(ctx, request.viewer, request.body),
  );
}

import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import { assignDelegation, unassignDelegation } from './assignments.ts';
import { listNotifications, markNotificationRead } from './notifications.ts';
import { SeatRecorder } from './recorder.ts';
import {
  assignSchema,
  cancelSeatSchema,
  contactsGoingSchema,
  getRsvpSchema,
  notificationsSchema,
  readNotificationSchema,
  takeSeatSchema,
  unassignSchema,
} from './schema.ts';
import { cancelSeat, contactsGoing, getRsvp, takeSeat } from './service.ts';

export function rsvpRoutes(app: App, ctx: AppContext): void {
  const seats = new SeatRecorder(ctx);
  app.get('/api/sessions/:id/rsvp', { schema: getRsvpSchema }, (request) =>
    getRsvp(ctx, request.viewer, request.params.id),
  );
  app.get('/api/sessions/:id/contacts-going', { schema: contactsGoingSchema }, async (request, reply) => {
    reply.header('cache-control', 'private, no-cache');
    return contactsGoing(ctx, request.viewer, request.params.id);
  });
  app.post('/api/sessions/:id/rsvp', { schema: takeSeatSchema }, (request) =>
    takeSeat(ctx, seats, request.viewer, request.params.id),
  );
  app.delete('/api/sessions/:id/rsvp', { schema: cancelSeatSchema }, (request) =>
    cancelSeat(seats, request.viewer, request.params.id),
  );
  app.post('/api/sessions/:id/assignments', { schema: assignSchema }, (request) =>
    assignDelegation(ctx, request.viewer, request.params.id, request.body.delegationId),
  );
  app.delete('/api/sessions/:id/assignments/:delegationId', { schema: unassignSchema }, (request) =>
    unassignDelegation(ctx, request.viewer, request.params.id, request.params.delegationId),
  );

  app.get('/api/me/notifications', { schema: notificationsSchema }, (request) =>
    listNotifications(ctx, request.viewer),
  );
  app.post('/api/me/notifications/:id/read', { schema: readNotificationSchema }, (request) =>
    markNotificationRead(ctx, request.viewer, request.params.id),
  );
}

import { Type } from 'typebox';
import { ErrorResponse, Slug, Uuid } from '../../shared/api/common.ts';
import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import { inviteAttendees, invitePerson, revokeInvitation } from './invitations.ts';

const ERRORS = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const Invitation = Type.Object({
  personId: Uuid,
  userId: Uuid,
  email: Type.String(),
  accountCreated: Type.Boolean({ description: 'The account was made by this invitation' }),
  expiresAt: Type.String({ format: 'date-time', description: 'When the link stops signing in' }),
});

export const invitePersonSchema = {
  tags: ['accounts'],
  summary:
    "Give a person of the directory an account if they have none and send (or send again) their invitation to sign in (admins; the person's organisation's managers)",
  params: Type.Object({ id: Uuid }),
  response: { 202: Invitation, ...ERRORS },
};

export const revokeInvitationSchema = {
  tags: ['accounts'],
  summary: "Withdraw a person's unused invitation; their account stays (admins; the person's organisation's managers)",
  params: Type.Object({ id: Uuid }),
  response: { 200: Type.Object({ withdrawn: Type.Integer({ minimum: 0 }) }), ...ERRORS },
};

export const inviteAttendeesSchema = {
  tags: ['accounts'],
  summary:
    'Invite the attendees of an event who have not joined yet, all or those chosen; the mail leaves through the outbox (admins)',
  params: Type.Object({ slug: Slug }),
  body: Type.Object(
    {
      personIds: Type.Optional(
        Type.Array(Uuid, { maxItems: 5000, description: 'Only these attendees; all who have not joined without it' }),
      ),
    },
    { additionalProperties: false },
  ),
  response: {
    202: Type.Object({
      invited: Type.Integer({ minimum: 0, description: 'Invitations queued' }),
      skipped: Type.Integer({ minimum: 0, description: 'Attendees without an address, or whose address is taken' }),
    }),
    ...ERRORS,
  },
};

export function invitationRoutes(app: App, ctx: AppContext): void {
  app.post('/api/people/:id/invitation', { schema: invitePersonSchema }, async (request, reply) =>
    reply.code(202).send(await invitePerson(ctx, request.viewer, request.params.id)),
  );
  app.delete('/api/people/:id/invitation', { schema: revokeInvitationSchema }, async (request) => ({
    withdrawn: await revokeInvitation(ctx, request.viewer, request.params.id),
  }));
  app.post('/api/events/:slug/invitations', { schema: inviteAttendeesSchema }, async (request, reply) =>
    reply.code(202).send(await inviteAttendees(ctx, request.viewer, request.params.slug, request.body.personIds)),
  );
}

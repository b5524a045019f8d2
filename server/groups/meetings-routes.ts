import { type TSchema, Type } from 'typebox';
import {
  ACTION_ITEM_STATUSES,
  ActionItemChanges,
  ActionItemOverview,
  AgendaItemChanges,
  DecisionChanges,
  MeetingDetail,
  MinutesInput,
  NewActionItem,
  NewAgendaItem,
  NewDecision,
} from '../../shared/api/building.ts';
import { ErrorResponse, Slug, Uuid } from '../../shared/api/common.ts';
import { WRITE_ERRORS } from '../../shared/api/editing.ts';
import { StringEnum } from '../../shared/schema-helpers.ts';
import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import { getMeeting, listGroupActionItems } from './meetings.ts';
import {
  addActionItem,
  addAgendaItem,
  addDecision,
  deleteActionItem,
  deleteAgendaItem,
  deleteDecision,
  putMinutes,
  updateActionItem,
  updateAgendaItem,
  updateDecision,
} from './meetings-editing.ts';

const SessionParams = Type.Object({ id: Uuid });
const READ_ERRORS = { 400: ErrorResponse, 404: ErrorResponse };
const writeResponse = { 200: MeetingDetail, 201: MeetingDetail, ...WRITE_ERRORS };
const write = <B extends TSchema>(summary: string, body: B) => ({
  tags: ['groups'],
  summary,
  params: SessionParams,
  body,
  response: writeResponse,
});
const remove = (summary: string) => ({ tags: ['groups'], summary, params: SessionParams, response: writeResponse });

export const getMeetingSchema = {
  tags: ['groups'],
  summary: "A working group's meeting: agenda, the minutes this viewer may read, decisions and action items",
  params: SessionParams,
  response: { 200: MeetingDetail, ...READ_ERRORS },
};

export const groupActionItemsSchema = {
  tags: ['groups'],
  summary: "A working group's action items by owner and due date, overdue ones flagged",
  params: Type.Object({ slug: Slug }),
  querystring: Type.Object({ status: Type.Optional(StringEnum(ACTION_ITEM_STATUSES)) }),
  response: { 200: ActionItemOverview, ...READ_ERRORS },
};

/**
 * Never cached: what they hold depends on who asks (internal minutes,
 * members-only meetings) and on the day (an open item becomes overdue without
 * any write to clear a cache).
 */
export function meetingRoutes(app: App, ctx: AppContext): void {
  app.get('/api/sessions/:id/meeting', { schema: getMeetingSchema }, async (request, reply) => {
    reply.header('cache-control', 'private, no-store');
    return getMeeting(ctx, request.params.id, request.viewer);
  });

  app.get('/api/working-groups/:slug/action-items', { schema: groupActionItemsSchema }, async (request, reply) => {
    reply.header('cache-control', 'private, no-store');
    return listGroupActionItems(ctx, request.params.slug, request.query.status, request.viewer);
  });
}

export function meetingEditingRoutes(app: App, ctx: AppContext): void {
  app.put(
    '/api/sessions/:id/minutes',
    { schema: write('Write one part of the minutes (public or internal), from the version read', MinutesInput) },
    (request) => putMinutes(ctx, request.viewer, request.params.id, request.body),
  );

  app.post(
    '/api/sessions/:id/agenda-items',
    { schema: write('Add an agenda item', NewAgendaItem) },
    async (request, reply) =>
      reply.code(201).send(await addAgendaItem(ctx, request.viewer, request.params.id, request.body)),
  );
  app.patch('/api/agenda-items/:id', { schema: write('Change an agenda item', AgendaItemChanges) }, (request) =>
    updateAgendaItem(ctx, request.viewer, request.params.id, request.body),
  );
  app.delete('/api/agenda-items/:id', { schema: remove('Remove an agenda item') }, (request) =>
    deleteAgendaItem(ctx, request.viewer, request.params.id),
  );

  app.post('/api/sessions/:id/decisions', { schema: write('Record a decision', NewDecision) }, async (request, reply) =>
    reply.code(201).send(await addDecision(ctx, request.viewer, request.params.id, request.body)),
  );
  app.patch('/api/decisions/:id', { schema: write('Change a decision', DecisionChanges) }, (request) =>
    updateDecision(ctx, request.viewer, request.params.id, request.body),
  );
  app.delete('/api/decisions/:id', { schema: remove('Remove a decision') }, (request) =>
    deleteDecision(ctx, request.viewer, request.params.id),
  );

  app.post(
    '/api/sessions/:id/action-items',
    { schema: write('Add an action item with its owner and due date', NewActionItem) },
    async (request, reply) =>
      reply.code(201).send(await addActionItem(ctx, request.viewer, request.params.id, request.body)),
  );
  app.patch(
    '/api/action-items/:id',
    { schema: write('Change an action item from the version read (done / open)', ActionItemChanges) },
    (request) => updateActionItem(ctx, request.viewer, request.params.id, request.body),
  );
  app.delete('/api/action-items/:id', { schema: remove('Remove an action item') }, (request) =>
    deleteActionItem(ctx, request.viewer, request.params.id),
  );
}

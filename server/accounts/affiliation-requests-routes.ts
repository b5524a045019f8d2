import { Type } from 'typebox';
import { AffiliationRequest, AffiliationRequestList } from '../../shared/api/accounts.ts';
import { ErrorResponse, Uuid } from '../../shared/api/common.ts';
import { NewAffiliation, WRITE_ERRORS } from '../../shared/api/editing.ts';
import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import {
  answerAffiliationRequest,
  askToAffiliate,
  myAffiliationRequests,
  pendingAffiliationRequests,
} from './affiliation-requests.ts';

const READ_ERRORS = { 401: ErrorResponse, 403: ErrorResponse };

export const askToAffiliateSchema = {
  tags: ['directory'],
  summary:
    "Ask a person to join an organisation; they accept from their account (admins; that organisation's managers)",
  params: Type.Object({ id: Uuid }),
  body: NewAffiliation,
  response: { 201: AffiliationRequest, ...WRITE_ERRORS },
};

export const myAffiliationRequestsSchema = {
  tags: ['accounts'],
  summary: 'Requests to join an organisation waiting for my answer',
  response: { 200: AffiliationRequestList, ...READ_ERRORS },
};

export const pendingAffiliationRequestsSchema = {
  tags: ['accounts'],
  summary: 'Every request to join an organisation still waiting for an answer (admins)',
  response: { 200: AffiliationRequestList, ...READ_ERRORS },
};

const answerSchema = (summary: string) => ({
  tags: ['accounts'],
  summary,
  params: Type.Object({ id: Uuid }),
  response: { 200: AffiliationRequest, ...WRITE_ERRORS },
});

export function affiliationRequestRoutes(app: App, ctx: AppContext): void {
  app.post('/api/people/:id/affiliation-requests', { schema: askToAffiliateSchema }, async (request, reply) =>
    reply.code(201).send(await askToAffiliate(ctx, request.viewer, request.params.id, request.body)),
  );
  app.get('/api/me/affiliation-requests', { schema: myAffiliationRequestsSchema }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return { items: await myAffiliationRequests(ctx, request.viewer) };
  });
  app.get('/api/affiliation-requests', { schema: pendingAffiliationRequestsSchema }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return { items: await pendingAffiliationRequests(ctx, request.viewer) };
  });
  app.post(
    '/api/affiliation-requests/:id/accept',
    { schema: answerSchema('Accept a request to join an organisation (the person asked; admins)') },
    (request) => answerAffiliationRequest(ctx, request.viewer, request.params.id, 'accepted'),
  );
  app.post(
    '/api/affiliation-requests/:id/decline',
    { schema: answerSchema('Decline a request to join an organisation (the person asked; admins)') },
    (request) => answerAffiliationRequest(ctx, request.viewer, request.params.id, 'declined'),
  );
}

import { Type } from 'typebox';
import { ErrorResponse, Uuid } from '../../shared/api/common.ts';
import { AUDITED_ENTITIES, AuditPage } from '../../shared/api/editing.ts';
import { Int, StringEnum, Text } from '../../shared/schema-helpers.ts';
import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import { AUDIT_PAGE_SIZE, auditPage } from './audit.ts';
import { requireRole } from './policy.ts';

export const listAuditSchema = {
  tags: ['accounts'],
  summary: 'Who changed what and when, newest first (admins only)',
  querystring: Type.Object({
    entityType: Type.Optional(StringEnum(AUDITED_ENTITIES)),
    entityId: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    actor: Type.Optional(Uuid),
    from: Type.Optional(Text({ format: 'date' })),
    to: Type.Optional(Text({ format: 'date' })),
    limit: Type.Optional(Int({ minimum: 1, maximum: 500, default: AUDIT_PAGE_SIZE })),
    offset: Type.Optional(Int({ minimum: 0, maximum: 1_000_000, default: 0 })),
  }),
  response: { 200: AuditPage, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
};

export function auditRoutes(app: App, ctx: AppContext): void {
  app.get('/api/audit', { schema: listAuditSchema }, async (request, reply) => {
    requireRole(request.viewer, 'admin');
    // Never cached: the log grows with every write and is for admins only.
    reply.header('cache-control', 'no-store');
    return auditPage(ctx, request.query);
  });
}

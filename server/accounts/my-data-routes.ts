import { Type } from 'typebox';
import { ErrorResponse } from '../../shared/api/common.ts';
import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import { deleteMyAccount, exportMyData } from './my-data.ts';
import { requireSignedIn } from './policy.ts';
import { SESSION_COOKIE } from './routes.ts';

export function myDataRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/me/export',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Everything stored about me, as JSON (GDPR art. 15 and 20)',
        response: {
          200: Type.Object({
            exportedAt: Type.String({ format: 'date-time' }),
            account: Type.Unknown({ description: 'The account row; secrets are marked, not exported' }),
            person: Type.Unknown({ description: 'The person row of the directory' }),
            related: Type.Record(Type.String(), Type.Array(Type.Unknown()), {
              description: 'Rows of every table that refers to the account or the person, by table',
            }),
          }),
          401: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const data = await exportMyData(ctx, requireSignedIn(request.viewer));
      return reply
        .header('content-disposition', 'attachment; filename="encuentro-my-data.json"')
        .header('cache-control', 'no-store')
        .send(data);
    },
  );

  app.delete(
    '/api/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Delete my account and my person; ends every session (GDPR art. 17)',
        response: { 204: Type.Null(), 401: ErrorResponse },
      },
    },
    async (request, reply) => {
      await deleteMyAccount(ctx, requireSignedIn(request.viewer));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
}

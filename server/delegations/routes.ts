import type { AppContext } from '../context.ts';
import { sendCachedJson } from '../http/cached-json.ts';
import { toCsv } from '../http/csv.ts';
import type { App } from '../http/types.ts';
import {
  addFundingSchema,
  addMemberSchema,
  createDelegationSchema,
  deleteDelegationSchema,
  fundingSchema,
  getDelegationSchema,
  listDelegationsSchema,
  manifestSchema,
  removeFundingSchema,
  removeMemberSchema,
  updateDelegationSchema,
  updateMemberSchema,
} from './schema.ts';
import {
  addFunding,
  addMember,
  createDelegation,
  deleteDelegation,
  fundingByFunder,
  getDelegation,
  listDelegations,
  manifest,
  removeFunding,
  removeMember,
  updateDelegation,
  updateMember,
} from './service.ts';

export function delegationsRoutes(app: App, ctx: AppContext): void {
  // Members and funding details depend on who asks: only the public answer is cached.
  app.get('/api/events/:slug/delegations', { schema: listDelegationsSchema }, (request, reply) =>
    request.viewer
      ? listDelegations(ctx, request.viewer, request.params.slug).then((items) => ({ items }))
      : sendCachedJson(ctx.cache, request, reply, async () => ({
          items: await listDelegations(ctx, null, request.params.slug),
        })),
  );
  app.get('/api/events/:slug/delegations/manifest.csv', { schema: manifestSchema }, async (request, reply) => {
    const lines = await manifest(ctx, request.viewer, request.params.slug);
    const csv = toCsv(lines, {
      header: true,
      columns: [
        { key: 'delegation', header: 'delegation' },
        { key: 'country', header: 'delegation_country' },
        { key: 'name', header: 'name' },
        { key: 'personCountry', header: 'country' },
        { key: 'organizations', header: 'organizations' },
        { key: 'leader', header: 'leader' },
        { key: 'arrivesOn', header: 'arrives_on' },
        { key: 'departsOn', header: 'departs_on' },
        { key: 'badgeCode', header: 'badge_code' },
        { key: 'fundedBy', header: 'funded_by' },
      ],
      cast: { boolean: (value) => (value ? 'yes' : '') },
    });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${request.params.slug}-delegations.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
  app.get('/api/events/:slug/funding', { schema: fundingSchema }, async (request) => ({
    items: await fundingByFunder(ctx, request.viewer, request.params.slug),
  }));

  app.post('/api/events/:slug/delegations', { schema: createDelegationSchema }, async (request, reply) =>
    reply.code(201).send(await createDelegation(ctx, request.viewer, request.params.slug, request.body)),
  );
  app.get('/api/delegations/:id', { schema: getDelegationSchema }, (request) =>
    getDelegation(ctx, request.viewer, request.params.id),
  );
  app.patch('/api/delegations/:id', { schema: updateDelegationSchema }, (request) =>
    updateDelegation(ctx, request.viewer, request.params.id, request.body),
  );
  app.delete('/api/delegations/:id', { schema: deleteDelegationSchema }, (request) =>
    deleteDelegation(ctx, request.viewer, request.params.id, request.query.version),
  );

  app.post('/api/delegations/:id/members', { schema: addMemberSchema }, async (request, reply) =>
    reply.code(201).send(await addMember(ctx, request.viewer, request.params.id, request.body)),
  );
  app.patch('/api/delegations/:id/members/:personId', { schema: updateMemberSchema }, (request) =>
    updateMember(ctx, request.viewer, request.params.id, request.params.personId, request.body),
  );
  app.delete('/api/delegations/:id/members/:personId', { schema: removeMemberSchema }, (request) =>
    removeMember(ctx, request.viewer, request.params.id, request.params.personId),
  );

  app.post('/api/delegations/:id/funding', { schema: addFundingSchema }, async (request, reply) =>
    reply.code(201).send(await addFunding(ctx, request.viewer, request.params.id, request.body)),
  );
  app.delete('/api/delegations/:id/funding/:fundingId', { schema: removeFundingSchema }, (request) =>
    removeFunding(ctx, request.viewer, request.params.id, request.params.fundingId),
  );
}

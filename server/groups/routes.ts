import type { AppContext } from '../context.ts';
import { sendCachedJson } from '../http/cached-json.ts';
import type { App } from '../http/types.ts';
import { updateWorkingGroup } from './editing.ts';
import { getWorkingGroupSchema, listWorkingGroupsSchema, updateWorkingGroupSchema } from './schema.ts';
import { getWorkingGroup, listWorkingGroups } from './service.ts';

export function groupsRoutes(app: App, ctx: AppContext): void {
  app.get('/api/working-groups', { schema: listWorkingGroupsSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({ items: await listWorkingGroups(ctx, request.query) })),
  );

  app.get('/api/working-groups/:slug', { schema: getWorkingGroupSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, () => getWorkingGroup(ctx, request.params.slug)),
  );
}

export function groupsEditingRoutes(app: App, ctx: AppContext): void {
  app.patch('/api/working-groups/:slug', { schema: updateWorkingGroupSchema }, (request) =>
    updateWorkingGroup(ctx, request.viewer, request.params.slug, request.body),
  );
}

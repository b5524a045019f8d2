import type { AppContext } from '../context.ts';
import { sendCachedJson } from '../http/cached-json.ts';
import type { App } from '../http/types.ts';
import {
  getOrganizationSchema,
  getPersonSchema,
  listCountriesSchema,
  listOrganizationsSchema,
  listPeopleSchema,
} from './schema.ts';
import { getOrganization, getPerson, listCountries, listOrganizations, listPeople } from './service.ts';

export function directoryRoutes(app: App, ctx: AppContext): void {
  app.get('/api/countries', { schema: listCountriesSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({ items: await listCountries(ctx, request.query) })),
  );

  app.get('/api/organizations', { schema: listOrganizationsSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({ items: await listOrganizations(ctx, request.query) })),
  );

  app.get('/api/organizations/:slug', { schema: getOrganizationSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, () => getOrganization(ctx, request.params.slug)),
  );

  app.get('/api/people', { schema: listPeopleSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({ items: await listPeople(ctx, request.query) })),
  );

  // What a signed-in viewer sees depends on who they are: only the public view is cached.
  app.get('/api/people/:id', { schema: getPersonSchema }, (request, reply) =>
    request.viewer
      ? getPerson(ctx, request.params.id, request.viewer)
      : sendCachedJson(ctx.cache, request, reply, () => getPerson(ctx, request.params.id, null)),
  );
}

import type { AppContext } from '../context.ts';
import { sendCachedJson } from '../http/cached-json.ts';
import type { App } from '../http/types.ts';
import {
  addAffiliation,
  createOrganization,
  createPerson,
  deleteOrganization,
  deletePerson,
  getPersonRecord,
  removeAffiliation,
  updateOrganization,
  updatePerson,
} from './editing.ts';
import { reference } from './reference.ts';
import {
  addAffiliationSchema,
  createOrganizationSchema,
  createPersonSchema,
  deleteOrganizationSchema,
  deletePersonSchema,
  getOrganizationSchema,
  getPersonSchema,
  listCountriesSchema,
  listOrganizationsSchema,
  listPeopleSchema,
  listTopicsSchema,
  personRecordSchema,
  removeAffiliationSchema,
  updateOrganizationSchema,
  updatePersonSchema,
} from './schema.ts';
import { getOrganization, getPerson, listCountries, listOrganizations, listPeople } from './service.ts';

export function directoryRoutes(app: App, ctx: AppContext): void {
  app.get('/api/topics', { schema: listTopicsSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({ items: [...(await reference(ctx)).topics.values()] })),
  );

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

/** Writes: validate, authorise and audit in the service, answer the resource as a GET shows it. */
export function directoryEditingRoutes(app: App, ctx: AppContext): void {
  app.post('/api/organizations', { schema: createOrganizationSchema }, async (request, reply) =>
    reply.code(201).send(await createOrganization(ctx, request.viewer, request.body)),
  );

  app.patch('/api/organizations/:slug', { schema: updateOrganizationSchema }, (request) =>
    updateOrganization(ctx, request.viewer, request.params.slug, request.body),
  );

  app.delete('/api/organizations/:slug', { schema: deleteOrganizationSchema }, (request) =>
    deleteOrganization(ctx, request.viewer, request.params.slug, request.query.version),
  );

  app.post('/api/people', { schema: createPersonSchema }, async (request, reply) =>
    reply.code(201).send(await createPerson(ctx, request.viewer, request.body)),
  );

  app.get('/api/people/:id/editable', { schema: personRecordSchema }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return getPersonRecord(ctx, request.viewer, request.params.id);
  });

  app.patch('/api/people/:id', { schema: updatePersonSchema }, (request) =>
    updatePerson(ctx, request.viewer, request.params.id, request.body),
  );

  app.delete('/api/people/:id', { schema: deletePersonSchema }, (request) =>
    deletePerson(ctx, request.viewer, request.params.id, request.query.version),
  );

  app.post('/api/people/:id/affiliations', { schema: addAffiliationSchema }, async (request, reply) =>
    reply.code(201).send(await addAffiliation(ctx, request.viewer, request.params.id, request.body)),
  );

  app.delete('/api/people/:id/affiliations/:organization', { schema: removeAffiliationSchema }, (request) =>
    removeAffiliation(ctx, request.viewer, request.params.id, request.params.organization),
  );
}

import { type TSchema, Type } from 'typebox';
import {
  BuildingProgrammeChanges,
  BuildingProgrammeDetail,
  BuildingProgrammeSummary,
  MilestoneChanges,
  NewBuildingProgramme,
  NewMilestone,
  NewPromoter,
  PromoterChanges,
} from '../../shared/api/building.ts';
import { ErrorResponse, ListOf, Slug, Uuid } from '../../shared/api/common.ts';
import { DeleteQuery, WRITE_ERRORS } from '../../shared/api/editing.ts';
import type { AppContext } from '../context.ts';
import { sendCachedJson } from '../http/cached-json.ts';
import type { App } from '../http/types.ts';
import {
  addMilestone,
  addPromoter,
  createBuildingProgramme,
  deleteBuildingProgramme,
  deleteMilestone,
  deletePromoter,
  updateBuildingProgramme,
  updateMilestone,
  updatePromoter,
} from './editing.ts';
import { getBuildingProgramme, listBuildingProgrammes } from './service.ts';

const tags = ['building'];
const SlugParams = Type.Object({ slug: Slug });
const IdParams = Type.Object({ id: Uuid });
const writeResponse = { 200: BuildingProgrammeDetail, 201: BuildingProgrammeDetail, ...WRITE_ERRORS };
const write = <P extends TSchema, B extends TSchema>(summary: string, params: P, body: B) => ({
  tags,
  summary,
  params,
  body,
  response: writeResponse,
});

export const listBuildingProgrammesSchema = {
  tags,
  summary: 'Association-building programmes across countries, each with its milestones and the days each step took',
  response: { 200: ListOf(BuildingProgrammeSummary) },
};

export const getBuildingProgrammeSchema = {
  tags,
  summary: "One programme's timeline: milestones (planned and done), promoters, linked sessions and articles",
  params: SlugParams,
  response: { 200: BuildingProgrammeDetail, 400: ErrorResponse, 404: ErrorResponse },
};

export function buildingRoutes(app: App, ctx: AppContext): void {
  app.get('/api/building-programmes', { schema: listBuildingProgrammesSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({ items: await listBuildingProgrammes(ctx) })),
  );
  app.get('/api/building-programmes/:slug', { schema: getBuildingProgrammeSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, () => getBuildingProgramme(ctx, request.params.slug)),
  );
  app.post(
    '/api/building-programmes',
    {
      schema: { tags, summary: 'Start a programme (admins)', body: NewBuildingProgramme, response: writeResponse },
    },
    async (request, reply) => reply.code(201).send(await createBuildingProgramme(ctx, request.viewer, request.body)),
  );
  app.patch(
    '/api/building-programmes/:slug',
    {
      schema: write('Change a programme from the version read (admins)', SlugParams, BuildingProgrammeChanges),
    },
    (request) => updateBuildingProgramme(ctx, request.viewer, request.params.slug, request.body),
  );
  app.delete(
    '/api/building-programmes/:slug',
    {
      schema: {
        tags,
        summary: 'Remove a programme; answers it as it was',
        params: SlugParams,
        querystring: DeleteQuery,
        response: writeResponse,
      },
    },
    (request) => deleteBuildingProgramme(ctx, request.viewer, request.params.slug, request.query.version),
  );

  app.post(
    '/api/building-programmes/:slug/promoters',
    { schema: write('Add a promoter (a person and their company)', SlugParams, NewPromoter) },
    async (request, reply) =>
      reply.code(201).send(await addPromoter(ctx, request.viewer, request.params.slug, request.body)),
  );
  app.patch(
    '/api/building-promoters/:id',
    { schema: write("Change a promoter's company or role", IdParams, PromoterChanges) },
    (request) => updatePromoter(ctx, request.viewer, request.params.id, request.body),
  );
  app.delete(
    '/api/building-promoters/:id',
    { schema: { tags, summary: 'Remove a promoter', params: IdParams, response: writeResponse } },
    (request) => deletePromoter(ctx, request.viewer, request.params.id),
  );

  app.post(
    '/api/building-programmes/:slug/milestones',
    { schema: write('Add a milestone with its planned (and done) date', SlugParams, NewMilestone) },
    async (request, reply) =>
      reply.code(201).send(await addMilestone(ctx, request.viewer, request.params.slug, request.body)),
  );
  app.patch(
    '/api/building-milestones/:id',
    {
      schema: write('Change a milestone from the version read (e.g. mark it done)', IdParams, MilestoneChanges),
    },
    (request) => updateMilestone(ctx, request.viewer, request.params.id, request.body),
  );
  app.delete(
    '/api/building-milestones/:id',
    { schema: { tags, summary: 'Remove a milestone', params: IdParams, response: writeResponse } },
    (request) => deleteMilestone(ctx, request.viewer, request.params.id),
  );
}

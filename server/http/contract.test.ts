import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Country, ErrorResponse, Health, ListOf } from '../../shared/api/common.ts';
import { OrganizationDetail, OrganizationSummary, PersonDetail, PersonSummary } from '../../shared/api/directory.ts';
import { WorkingGroupDetail, WorkingGroupSummary } from '../../shared/api/groups.ts';
import { EventDetail, EventSummary, SessionList, SpeakerSession } from '../../shared/api/programme.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';

describe.each(databaseKinds())('public contract on %s', (kind) => {
  let t: TestApp;
  let personId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    personId = (await t.app.inject('/api/people?q=noemi')).json().items[0].id;
  });
  afterAll(() => t?.close());

  it('reports health and the database kind', async () => {
    const response = await t.app.inject('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: kind });
  });

  it('publishes an OpenAPI 3.1 document with every public path', async () => {
    const response = await t.app.inject('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    for (const path of [
      '/api/health',
      '/api/organizations',
      '/api/organizations/{slug}',
      '/api/people',
      '/api/people/{id}',
      '/api/working-groups',
      '/api/working-groups/{slug}',
      '/api/events',
      '/api/events/{slug}',
      '/api/events/{slug}/sessions',
      '/api/events/{slug}/calendar.ics',
    ]) {
      expect(document.paths, path).toHaveProperty([path, 'get']);
    }
    const kindParameter = document.paths['/api/organizations'].get.parameters.find(
      (p: { name: string }) => p.name === 'kind',
    );
    expect(kindParameter.schema.enum).toContain('association');
    expect(document.paths['/api/events/{slug}'].get.responses).toHaveProperty('404');
  });

  const cases: [string, () => string, TSchema][] = [
    ['health', () => '/api/health', Health],
    ['countries', () => '/api/countries', ListOf(Country)],
    ['organisations', () => '/api/organizations?q=chile', ListOf(OrganizationSummary)],
    ['organisation', () => '/api/organizations/admi', OrganizationDetail],
    ['people', () => '/api/people?country=MX', ListOf(PersonSummary)],
    ['person', () => `/api/people/${personId}`, PersonDetail],
    ['person sessions', () => `/api/people/${personId}/sessions`, ListOf(SpeakerSession)],
    ['working groups', () => '/api/working-groups', ListOf(WorkingGroupSummary)],
    ['working group', () => '/api/working-groups/latam-network', WorkingGroupDetail],
    ['events', () => '/api/events', ListOf(EventSummary)],
    ['event', () => '/api/events/fim-gdl-2024', EventDetail],
    ['sessions', () => '/api/events/fim-gdl-2024/sessions?day=2024-03-01', SessionList],
    ['an error', () => '/api/events/nope', ErrorResponse],
  ];

  it.each(cases)('answers %s in the documented shape', async (_name, url, schema) => {
    const response = await t.app.inject(url());
    const body = response.json();
    const errors = Value.Errors(schema, body);
    expect(errors, JSON.stringify(errors.slice(0, 3))).toEqual([]);
  });

  it('answers a repeated read with 304 when nothing changed', async () => {
    const first = await t.app.inject('/api/organizations');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const second = await t.app.inject({ url: '/api/organizations', headers: { 'if-none-match': etag } });
    expect(second.statusCode).toBe(304);
  });

  it('answers unknown API paths with the error shape', async () => {
    const response = await t.app.inject('/api/nowhere');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});

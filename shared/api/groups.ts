import { type Static, Type } from 'typebox';
import { Country, LocalizedText, Slug, Topic, Uuid } from './common.ts';
import { OrganizationRef } from './directory.ts';

export const WorkingGroupSummary = Type.Object({
  slug: Slug,
  name: LocalizedText,
  network: Type.Union([OrganizationRef, Type.Null()]),
  countries: Type.Array(Country),
  organizationsCount: Type.Integer(),
});
export type WorkingGroupSummary = Static<typeof WorkingGroupSummary>;

export const WorkingGroupDetail = Type.Object({
  ...WorkingGroupSummary.properties,
  description: LocalizedText,
  organizations: Type.Array(OrganizationRef),
  topics: Type.Array(Topic),
  meetings: Type.Array(
    Type.Object({
      id: Uuid,
      title: LocalizedText,
      startsAt: Type.String({ format: 'date-time' }),
      endsAt: Type.String({ format: 'date-time' }),
      event: Type.Object({ slug: Slug, name: LocalizedText, timeZone: Type.String() }),
    }),
  ),
  version: Type.Integer({ description: 'Send it back with a change (PATCH)' }),
});
export type WorkingGroupDetail = Static<typeof WorkingGroupDetail>;

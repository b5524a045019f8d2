import { Type } from 'typebox';
import { ErrorResponse, ListOf, Slug } from '../../shared/api/common.ts';
import { WorkingGroupDetail, WorkingGroupSummary } from '../../shared/api/groups.ts';

export const listWorkingGroupsSchema = {
  tags: ['groups'],
  summary: 'Working groups of the network',
  querystring: Type.Object({
    organization: Type.Optional(Slug),
  }),
  response: { 200: ListOf(WorkingGroupSummary), 400: ErrorResponse },
};

export const getWorkingGroupSchema = {
  tags: ['groups'],
  summary: 'One working group with its countries, organisations, topics and meetings',
  params: Type.Object({ slug: Slug }),
  response: { 200: WorkingGroupDetail, 400: ErrorResponse, 404: ErrorResponse },
};

import { Type } from 'typebox';
import { ErrorResponse, ListOf, Slug } from '../../shared/api/common.ts';
import { WorkingGroupChanges, WRITE_ERRORS } from '../../shared/api/editing.ts';
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

export const updateWorkingGroupSchema = {
  tags: ['groups'],
  summary: 'Change a working group from the version read (admins); lists given replace the old ones',
  params: Type.Object({ slug: Slug }),
  body: WorkingGroupChanges,
  response: { 200: WorkingGroupDetail, ...WRITE_ERRORS },
};

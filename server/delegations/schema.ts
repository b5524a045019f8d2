import { Type } from 'typebox';
import { ErrorResponse, ListOf, Slug, Uuid } from '../../shared/api/common.ts';
import {
  Delegation,
  DelegationChanges,
  DelegationList,
  FunderTotal,
  MemberChanges,
  NewDelegation,
  NewFunding,
  NewMember,
} from '../../shared/api/delegations.ts';
import { DeleteQuery, WRITE_ERRORS } from '../../shared/api/editing.ts';

const tags = ['delegations'];
const byId = Type.Object({ id: Uuid });

export const listDelegationsSchema = {
  tags,
  summary: "An event's delegations: organisation, country, size and funders; members for staff and their manager",
  params: Type.Object({ slug: Slug }),
  response: { 200: DelegationList, 400: ErrorResponse, 404: ErrorResponse },
};

export const createDelegationSchema = {
  tags,
  summary: "Create an organisation's delegation to an event (admins, or the organisation's manager)",
  params: Type.Object({ slug: Slug }),
  body: NewDelegation,
  response: { 201: Delegation, ...WRITE_ERRORS },
};

export const getDelegationSchema = {
  tags,
  summary: 'One delegation (details for staff and its manager)',
  params: byId,
  response: { 200: Delegation, 400: ErrorResponse, 404: ErrorResponse },
};

export const updateDelegationSchema = {
  tags,
  summary: 'Change leader, status, travel dates or notes; send the version read (409 when stale)',
  params: byId,
  body: DelegationChanges,
  response: { 200: Delegation, ...WRITE_ERRORS },
};

export const deleteDelegationSchema = {
  tags,
  summary: 'Remove a delegation; answers it as it was',
  params: byId,
  querystring: DeleteQuery,
  response: { 200: Delegation, ...WRITE_ERRORS },
};

export const addMemberSchema = {
  tags,
  summary: 'Add a member: an existing person by id, or a new one invited by e-mail',
  params: byId,
  body: NewMember,
  response: { 201: Delegation, ...WRITE_ERRORS },
};

export const updateMemberSchema = {
  tags,
  summary: "A member's own arrival and departure",
  params: Type.Object({ id: Uuid, personId: Uuid }),
  body: MemberChanges,
  response: { 200: Delegation, ...WRITE_ERRORS },
};

export const removeMemberSchema = {
  tags,
  summary: 'Take a member out of the delegation (their badge stays theirs)',
  params: Type.Object({ id: Uuid, personId: Uuid }),
  response: { 200: Delegation, ...WRITE_ERRORS },
};

export const addFundingSchema = {
  tags,
  summary: 'Record travel funding: the funder and what it covers',
  params: byId,
  body: NewFunding,
  response: { 201: Delegation, ...WRITE_ERRORS },
};

export const removeFundingSchema = {
  tags,
  summary: 'Remove a funding record',
  params: Type.Object({ id: Uuid, fundingId: Uuid }),
  response: { 200: Delegation, ...WRITE_ERRORS },
};

export const manifestSchema = {
  tags,
  summary: 'Everyone travelling with a delegation, as CSV (admins)',
  params: Type.Object({ slug: Slug }),
  produces: ['text/csv'],
  response: {
    200: Type.String({ description: 'CSV with a header line' }),
    401: ErrorResponse,
    403: ErrorResponse,
    404: ErrorResponse,
  },
};

export const fundingSchema = {
  tags,
  summary: "Travel funding per funder across the event's delegations (admins)",
  params: Type.Object({ slug: Slug }),
  response: { 200: ListOf(FunderTotal), 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
};

import { Type } from 'typebox';
import { Country, ErrorResponse, ListOf, Slug, Topic, Uuid } from '../../shared/api/common.ts';
import { OrganizationDetail, OrganizationSummary, PersonDetail, PersonSummary } from '../../shared/api/directory.ts';
import {
  DeleteQuery,
  NewAffiliation,
  NewOrganization,
  NewPerson,
  OrganizationChanges,
  PersonChanges,
  PersonRecord,
  WRITE_ERRORS,
} from '../../shared/api/editing.ts';
import { ORGANIZATION_KINDS } from '../../shared/domain.ts';
import { StringEnum, Text } from '../../shared/schema-helpers.ts';

const CountryCode = Text({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' });
const SearchText = Text({ maxLength: 100, description: 'Case-, accent- and typo-tolerant search' });

export const listTopicsSchema = {
  tags: ['directory'],
  summary: 'The topics vocabulary people and sessions are tagged with, in both languages',
  response: { 200: ListOf(Topic) },
};

export const listCountriesSchema = {
  tags: ['directory'],
  summary: 'Countries with their region, in both languages',
  querystring: Type.Object({
    with: Type.Optional(
      StringEnum(['organizations', 'people'], { description: 'Only countries that have organisations (or people)' }),
    ),
  }),
  response: { 200: ListOf(Country), 400: ErrorResponse },
};

export const listOrganizationsSchema = {
  tags: ['directory'],
  summary: 'Organisations of the network, ranked by relevance when searching',
  querystring: Type.Object({
    kind: Type.Optional(StringEnum(ORGANIZATION_KINDS)),
    country: Type.Optional(CountryCode),
    region: Type.Optional(Slug),
    memberOf: Type.Optional(Slug),
    q: Type.Optional(SearchText),
  }),
  response: { 200: ListOf(OrganizationSummary), 400: ErrorResponse },
};

export const getOrganizationSchema = {
  tags: ['directory'],
  summary: 'One organisation with its people, parent and members',
  params: Type.Object({ slug: Slug }),
  response: { 200: OrganizationDetail, 400: ErrorResponse, 404: ErrorResponse },
};

export const listPeopleSchema = {
  tags: ['directory'],
  summary: 'People of the network with their affiliations',
  querystring: Type.Object({
    q: Type.Optional(SearchText),
    country: Type.Optional(CountryCode),
    organization: Type.Optional(Slug),
  }),
  response: { 200: ListOf(PersonSummary), 400: ErrorResponse },
};

export const getPersonSchema = {
  tags: ['directory'],
  summary: 'One person; contact fields only as their visibility allows',
  params: Type.Object({ id: Uuid }),
  response: { 200: PersonDetail, 400: ErrorResponse, 404: ErrorResponse },
};

// --- Writes (server/directory/editing.ts) ---------------------------------

export const createOrganizationSchema = {
  tags: ['directory'],
  summary: 'Add an organisation (admins)',
  body: NewOrganization,
  response: { 201: OrganizationDetail, ...WRITE_ERRORS },
};

export const updateOrganizationSchema = {
  tags: ['directory'],
  summary: 'Change an organisation (admins; its managers and partner contacts) from the version read',
  params: Type.Object({ slug: Slug }),
  body: OrganizationChanges,
  response: { 200: OrganizationDetail, ...WRITE_ERRORS },
};

export const deleteOrganizationSchema = {
  tags: ['directory'],
  summary: 'Remove an organisation (admins); answers it as it was',
  params: Type.Object({ slug: Slug }),
  querystring: DeleteQuery,
  response: { 200: OrganizationDetail, ...WRITE_ERRORS },
};

export const createPersonSchema = {
  tags: ['directory'],
  summary: 'Add a person (admins; managers, into their own organisation)',
  body: NewPerson,
  response: { 201: PersonDetail, ...WRITE_ERRORS },
};

export const personRecordSchema = {
  tags: ['directory'],
  summary: 'A person with every field and its visibility, for those who may edit them',
  params: Type.Object({ id: Uuid }),
  response: { 200: PersonRecord, ...WRITE_ERRORS },
};

export const updatePersonSchema = {
  tags: ['directory'],
  summary: 'Change a person (admins; the person; managers of their organisations) from the version read',
  params: Type.Object({ id: Uuid }),
  body: PersonChanges,
  response: { 200: PersonDetail, ...WRITE_ERRORS },
};

export const deletePersonSchema = {
  tags: ['directory'],
  summary: 'Remove a person (admins); answers them as they were',
  params: Type.Object({ id: Uuid }),
  querystring: DeleteQuery,
  response: { 200: PersonDetail, ...WRITE_ERRORS },
};

export const addAffiliationSchema = {
  tags: ['directory'],
  summary: "Add a person to an organisation (admins; that organisation's managers)",
  params: Type.Object({ id: Uuid }),
  body: NewAffiliation,
  response: { 201: PersonDetail, ...WRITE_ERRORS },
};

export const removeAffiliationSchema = {
  tags: ['directory'],
  summary: "Take a person off an organisation (admins; that organisation's managers)",
  params: Type.Object({ id: Uuid, organization: Slug }),
  response: { 200: PersonDetail, ...WRITE_ERRORS },
};

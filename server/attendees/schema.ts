import { Type } from 'typebox';
import {
  Attendee,
  AttendeeFlagChanges,
  AttendeeImportBody,
  AttendeeImportReport,
  AttendeeList,
  MAX_IMPORT_BYTES,
  PersonRoles,
  PersonRolesChange,
} from '../../shared/api/attendees.ts';
import { ErrorResponse, Slug, Uuid } from '../../shared/api/common.ts';
import { WRITE_ERRORS } from '../../shared/api/editing.ts';
import { StringEnum, Text } from '../../shared/schema-helpers.ts';

const tags = ['attendees'];

export const importAttendeesSchema = {
  tags,
  summary:
    "Import an event's attendee list (text/csv, or JSON rows or CSV text): a per-row report; with dryRun=false applied whole or not at all (admins)",
  params: Type.Object({ slug: Slug }),
  querystring: Type.Object({
    dryRun: Type.Optional(StringEnum(['true', 'false'] as const)),
    /** For a text/csv body: the rows whose match by name staff confirm, as "3,17". */
    confirm: Type.Optional(Text({ pattern: '^[0-9]{1,4}(,[0-9]{1,4}){0,4999}$', maxLength: 25000 })),
  }),
  body: Type.Union([
    Text({ maxLength: MAX_IMPORT_BYTES, description: 'CSV text (Content-Type: text/csv)' }),
    AttendeeImportBody,
  ]),
  response: { 200: AttendeeImportReport, ...WRITE_ERRORS },
};

export const listAttendeesSchema = {
  tags,
  summary: "An event's attendees with their status (not invited / invited / joined) and role flags (admins)",
  params: Type.Object({ slug: Slug }),
  response: { 200: AttendeeList, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
};

export const attendeesCsvSchema = {
  tags,
  summary: "An event's attendees as CSV, with the import's columns (admins)",
  params: Type.Object({ slug: Slug }),
};

export const setAttendeeFlagsSchema = {
  tags,
  summary: 'Mark an attendance as staff, partner or speaker; staff and partners win no prizes (admins)',
  params: Type.Object({ slug: Slug, personId: Uuid }),
  body: AttendeeFlagChanges,
  response: { 200: Attendee, ...WRITE_ERRORS },
};

export const getPersonRolesSchema = {
  tags,
  summary: "A person's account and role in the network (admins)",
  params: Type.Object({ id: Uuid }),
  response: { 200: PersonRoles, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
};

export const setPersonRolesSchema = {
  tags,
  summary: 'Make a person admin, editor, manager or partner contact of an organisation, or take it back (admins)',
  params: Type.Object({ id: Uuid }),
  body: PersonRolesChange,
  response: { 200: PersonRoles, ...WRITE_ERRORS },
};

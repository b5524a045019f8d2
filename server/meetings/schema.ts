import { Type } from 'typebox';
import { ErrorResponse, Slug, Uuid } from '../../shared/api/common.ts';
import {
  Availability,
  AvailabilityChange,
  MatchList,
  Meeting,
  MeetingChange,
  MeetingList,
  MeetingRequest,
  MeetingSpace,
  MeetingSpaceList,
  NewMeetingSpace,
  ScheduleRequest,
  ScheduleResult,
  StaffMeetingList,
} from '../../shared/api/meetings.ts';

const tags = ['meetings'];
const params = Type.Object({ slug: Slug });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export const listSpacesSchema = {
  tags,
  summary: 'Where and when one-to-one meetings happen at an event, with the tables still free in each slot',
  params,
  response: { 200: MeetingSpaceList, 400: ErrorResponse, 404: ErrorResponse },
};

export const createSpaceSchema = {
  tags,
  summary: 'Add a meeting space: its tables, and slots of the given length cut from each time window (staff)',
  params,
  body: NewMeetingSpace,
  response: { 201: MeetingSpace, ...errors, 422: ErrorResponse },
};

export const availabilitySchema = {
  tags,
  summary: 'My availability for meetings at an event: the times I blocked, my sessions, whether my inbox is open',
  params,
  response: { 200: Availability, ...errors },
};

export const putAvailabilitySchema = {
  tags,
  summary: 'Replace the times I blocked and open or close my inbox to meeting requests',
  params,
  body: AvailabilityChange,
  response: { 200: Availability, ...errors, 422: ErrorResponse },
};

export const requestMeetingSchema = {
  tags,
  summary: 'Ask another attendee for a one-to-one meeting in one of the slots offered',
  description:
    'Only attendees of the event ask and are asked. A person may have a limited number of requests waiting (429), ' +
    'one open meeting with each person (409), and nobody whose inbox is closed can be asked (422).',
  params,
  body: MeetingRequest,
  response: { 201: Meeting, ...errors, 409: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse },
};

export const changeMeetingSchema = {
  tags,
  summary: 'Accept (picking an offered slot), decline, propose other slots, cancel, or say whether it happened',
  description:
    'With the version the meeting was read at (409 if it changed since). Accepting books a table in the slot for both ' +
    'people at once: if either is already booked then, or no table is free, the answer is 409 and nothing changes.',
  params: Type.Object({ id: Uuid }),
  body: MeetingChange,
  response: { 200: Meeting, ...errors, 409: ErrorResponse, 422: ErrorResponse },
};

export const myMeetingsSchema = {
  tags,
  summary: 'My meetings: requests I sent and received, and confirmed meetings with their slot and table',
  querystring: Type.Object({ event: Type.Optional(Slug) }),
  response: { 200: MeetingList, ...errors },
};

export const matchesSchema = {
  tags,
  summary: 'Whom to meet at an event, each with its reasons in my language',
  params,
  response: { 200: MatchList, ...errors },
};

export const staffMeetingsSchema = {
  tags,
  summary: 'Every meeting of an event, with what each side said after it (staff)',
  params,
  response: { 200: StaffMeetingList, ...errors },
};

export const scheduleSchema = {
  tags,
  summary: "The organisers' scheduler: place pending requests in slots and at tables (preview, then publish; staff)",
  params,
  body: ScheduleRequest,
  response: { 200: ScheduleResult, ...errors },
};

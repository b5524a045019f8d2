import { Type } from 'typebox';
import { ErrorResponse, Uuid } from '../../shared/api/common.ts';
import { NewAssignment } from '../../shared/api/delegations.ts';
import { WRITE_ERRORS } from '../../shared/api/editing.ts';
import { ContactsGoing, NotificationList, RsvpState, SessionAssignments } from '../../shared/api/rsvp.ts';

const tags = ['rsvp'];
const bySession = Type.Object({ id: Uuid });
const RSVP_ERRORS = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  422: ErrorResponse,
};

export const getRsvpSchema = {
  tags,
  summary: 'My seat at a session (status, waitlist position) and how full it is',
  params: bySession,
  response: { 200: RsvpState, ...RSVP_ERRORS },
};

export const contactsGoingSchema = {
  tags,
  summary: 'How many of my contacts hold a seat at a session (a count: nobody has shared whom they see)',
  params: bySession,
  response: { 200: ContactsGoing, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
};

export const takeSeatSchema = {
  tags,
  summary: 'RSVP: a seat while there is one, else a place on the waitlist (never more confirmed than the capacity)',
  params: bySession,
  response: { 200: RsvpState, ...RSVP_ERRORS },
};

export const cancelSeatSchema = {
  tags,
  summary: 'Cancel my RSVP; a freed seat goes to the first person waiting',
  params: bySession,
  response: { 200: RsvpState, ...RSVP_ERRORS },
};

export const assignSchema = {
  tags,
  summary: 'Put a whole delegation down for a session (admins)',
  params: bySession,
  body: NewAssignment,
  response: { 200: SessionAssignments, ...WRITE_ERRORS },
};

export const unassignSchema = {
  tags,
  summary: "Take a delegation off a session's assignments (admins)",
  params: Type.Object({ id: Uuid, delegationId: Uuid }),
  response: { 200: SessionAssignments, ...WRITE_ERRORS },
};

export const notificationsSchema = {
  tags,
  summary: 'My in-app notices, newest first',
  response: { 200: NotificationList, 401: ErrorResponse },
};

export const readNotificationSchema = {
  tags,
  summary: 'Mark one of my notices read',
  params: Type.Object({ id: Uuid }),
  response: { 200: NotificationList, ...RSVP_ERRORS },
};

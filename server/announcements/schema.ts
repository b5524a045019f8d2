import { Type } from 'typebox';
import {
  Announcement,
  AnnouncementList,
  AnnouncementRequest,
  Inbox,
  PushKey,
  PushSubscriptionRemoval,
  PushSubscriptionRequest,
  RecipientCount,
  ReminderSettings,
} from '../../shared/api/announcements.ts';
import { ErrorResponse, Slug, Uuid } from '../../shared/api/common.ts';

const tags = ['announcements'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export const createAnnouncementSchema = {
  tags,
  summary: 'Write an announcement to an audience of the event’s attendees, now or at a set time (staff)',
  description:
    'With `dryRun` the answer is 200 with how many people the audience holds, and nothing is written. ' +
    'Otherwise 201: sent now (banner on open pages, inbox, push, e-mail when asked) or at `sendAt`.',
  params: Type.Object({ slug: Slug }),
  body: AnnouncementRequest,
  response: { 200: RecipientCount, 201: Announcement, ...errors },
};

export const listAnnouncementsSchema = {
  tags,
  summary: 'The event’s announcements, newest first, with how many received and read each (staff)',
  params: Type.Object({ slug: Slug }),
  response: { 200: AnnouncementList, ...errors },
};

export const inboxSchema = {
  tags,
  summary: 'My inbox: the announcements sent to me, newest first, and how many are unread',
  response: { 200: Inbox, 401: ErrorResponse },
};

export const readSchema = {
  tags,
  summary: 'Mark an announcement of my inbox read',
  params: Type.Object({ id: Uuid }),
  response: { 200: Inbox, ...errors },
};

export const pushKeySchema = {
  tags,
  summary: 'The server’s public VAPID key, for PushManager.subscribe',
  response: { 200: PushKey },
};

export const subscribeSchema = {
  tags,
  summary: 'This device allowed notifications: keep its push subscription',
  body: PushSubscriptionRequest,
  response: { 201: Type.Object({ id: Uuid }), ...errors },
};

export const unsubscribeSchema = {
  tags,
  summary: 'This device no longer wants notifications',
  body: PushSubscriptionRemoval,
  response: { 204: Type.Null(), ...errors },
};

export const remindersSchema = {
  tags,
  summary: 'How long before each session of my trip I am reminded (minutes; 15 unless I chose)',
  response: { 200: ReminderSettings, 401: ErrorResponse },
};

export const changeRemindersSchema = {
  tags,
  summary: 'Choose how long before each session of my trip I am reminded',
  body: ReminderSettings,
  response: { 200: ReminderSettings, 400: ErrorResponse, 401: ErrorResponse, 422: ErrorResponse },
};

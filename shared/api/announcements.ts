import { type Static, Type } from 'typebox';
import { Int, StringEnum, Text } from '../schema-helpers.ts';
import { LocalizedText, Uuid } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** Who an announcement is for: everyone attending, or those of one delegation, country, language, at the door, at a session. */
export const AUDIENCE_KINDS = ['all', 'delegation', 'country', 'language', 'checked_in', 'session'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

export const Audience = Type.Object(
  {
    kind: StringEnum(AUDIENCE_KINDS),
    /** The delegation's id, the country's code, the language (en, es) or the session's id; none for all and checked_in. */
    value: Type.Optional(Text({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type Audience = Static<typeof Audience>;

const Words = (maxLength: number) => Text({ minLength: 1, maxLength });

export const AnnouncementRequest = Type.Object(
  {
    title: Type.Object({ en: Words(120), es: Words(120) }, { additionalProperties: false }),
    body: Type.Object({ en: Words(2000), es: Words(2000) }, { additionalProperties: false }),
    audience: Audience,
    /** When to send it; now when absent or past. */
    sendAt: Type.Optional(Text({ format: 'date-time' })),
    /** Also by e-mail, to those with an address. */
    byEmail: Type.Optional(Type.Boolean()),
    /** Only count the recipients; nothing is written. */
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AnnouncementRequest = Static<typeof AnnouncementRequest>;

export const Announcement = Type.Object({
  id: Uuid,
  title: LocalizedText,
  body: LocalizedText,
  audience: Type.Object({ kind: StringEnum(AUDIENCE_KINDS), value: Nullable(Type.String()) }),
  byEmail: Type.Boolean(),
  sendAt: Type.String({ format: 'date-time' }),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
  recipients: Type.Integer(),
  read: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Announcement = Static<typeof Announcement>;

export const AnnouncementList = Type.Object({ items: Type.Array(Announcement) });
export type AnnouncementList = Static<typeof AnnouncementList>;

/** The answer to a dry run: how many people the audience holds now. */
export const RecipientCount = Type.Object({ recipients: Type.Integer() });
export type RecipientCount = Static<typeof RecipientCount>;

export const InboxItem = Type.Object({
  id: Uuid,
  eventSlug: Type.String(),
  eventName: Type.String(),
  title: LocalizedText,
  body: LocalizedText,
  sentAt: Type.String({ format: 'date-time' }),
  readAt: Nullable(Type.String({ format: 'date-time' })),
});
export type InboxItem = Static<typeof InboxItem>;

export const Inbox = Type.Object({
  items: Type.Array(InboxItem),
  unread: Type.Integer(),
  /** Events I attend, those not over first: the first is the live channel whose announcements reach my open pages. */
  attending: Type.Array(Type.String()),
});
export type Inbox = Static<typeof Inbox>;

/** What the live channel carries to the pages of an announcement's recipients: enough for the banner. */
export interface AnnouncementMessage {
  id: string;
  title: { en: string; es: string };
  body: { en: string; es: string };
}

/** A browser's push subscription as PushSubscription.toJSON() gives it. */
export const PushSubscriptionRequest = Type.Object(
  {
    endpoint: Text({ format: 'uri', maxLength: 1000, pattern: '^https?://' }),
    keys: Type.Object(
      {
        p256dh: Text({ minLength: 16, maxLength: 200, pattern: '^[A-Za-z0-9_=-]+$' }),
        auth: Text({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_=-]+$' }),
      },
      { additionalProperties: false },
    ),
    /** As PushSubscription.toJSON() gives it; push services the browsers use leave it null. */
    expirationTime: Type.Optional(Type.Null()),
    /** The language notifications on this device are written in; the request's when absent. */
    language: Type.Optional(StringEnum(['en', 'es'] as const)),
  },
  { additionalProperties: false },
);
export type PushSubscriptionRequest = Static<typeof PushSubscriptionRequest>;

export const PushSubscriptionRemoval = Type.Object(
  { endpoint: Text({ maxLength: 1000, minLength: 1 }) },
  { additionalProperties: false },
);

export const PushKey = Type.Object({ publicKey: Type.String() });

export const ReminderSettings = Type.Object(
  { leadMinutes: Int({ minimum: 1, maximum: 1440 }) },
  { additionalProperties: false },
);
export type ReminderSettings = Static<typeof ReminderSettings>;

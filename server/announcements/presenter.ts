import type { Announcement, InboxItem } from '../../shared/api/announcements.ts';
import type { AnnouncementRow, InboxRow } from './queries.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

export const presentAnnouncement = (row: AnnouncementRow): Announcement => ({
  id: row.id,
  title: { en: row.title_en, es: row.title_es },
  body: { en: row.body_en, es: row.body_es },
  audience: { kind: row.audience_kind, value: row.audience_value },
  byEmail: row.by_email,
  sendAt: iso(row.send_at),
  sentAt: row.sent_at ? iso(row.sent_at) : null,
  recipients: row.recipients,
  read: row.read,
  createdAt: iso(row.created_at),
});

export const presentInboxItem = (row: InboxRow): InboxItem => ({
  id: row.id,
  eventSlug: row.event_slug,
  eventName: row.event_name,
  title: { en: row.title_en, es: row.title_es },
  body: { en: row.body_en, es: row.body_es },
  sentAt: iso(row.sent_at),
  readAt: row.read_at ? iso(row.read_at) : null,
});

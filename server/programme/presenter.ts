import type { OrganizationRef } from '../../shared/api/directory.ts';
import type { EventDetail, EventSummary, Session, VenueSummary } from '../../shared/api/programme.ts';
import { photoOf } from '../../shared/photo.ts';
import { localDate } from '../../shared/time.ts';
import { localized, presentOrganizationRef } from '../directory/presenter.ts';
import { countryOf, type Reference, topicsOf } from '../directory/reference.ts';
import type { EventRow, selectSessionOrganizations, selectSessions, selectSpeakers } from './queries.ts';
import type { venues } from './tables.ts';

type SessionRow = Awaited<ReturnType<typeof selectSessions>>[number];
type SpeakerRow = Awaited<ReturnType<typeof selectSpeakers>>[number];
type SessionOrganizationRow = Awaited<ReturnType<typeof selectSessionOrganizations>>[number];
type VenueRow = typeof venues.$inferSelect;

export function presentVenue(venue: VenueRow): VenueSummary {
  return {
    slug: venue.slug,
    name: venue.name,
    address: venue.address,
    city: venue.city,
    mapUrl: venue.mapUrl,
    description: localized(venue.descriptionEn, venue.descriptionEs),
  };
}

export function presentEventSummary(ref: Reference, row: EventRow): EventSummary {
  return {
    slug: row.slug,
    name: localized(row.name_en, row.name_es),
    city: row.city,
    country: countryOf(ref, row.country_code),
    timeZone: row.time_zone,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    hostOrganization:
      row.host_slug && row.host_kind && row.host_name
        ? presentOrganizationRef({
            slug: row.host_slug,
            kind: row.host_kind,
            name: row.host_name,
            acronym: row.host_acronym,
          })
        : null,
    sessionsCount: row.sessions_count,
  };
}

export interface SessionRelations {
  speakers: SpeakerRow[];
  organizations: SessionOrganizationRow[];
  venues: Map<string, VenueRow>;
}

export function presentSession(ref: Reference, row: SessionRow, related: SessionRelations): Session {
  const s = row.session;
  const organizationsAs = (role: SessionOrganizationRow['role']): OrganizationRef[] =>
    related.organizations.filter((o) => o.sessionId === s.id && o.role === role).map((o) => presentOrganizationRef(o));
  const venue = s.venueId ? related.venues.get(s.venueId) : undefined;
  return {
    id: s.id,
    kind: s.kind,
    title: localized(s.titleEn, s.titleEs),
    description: localized(s.descriptionEn, s.descriptionEs),
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    day: localDate(s.startsAt, row.eventTimeZone),
    timeIsIllustrative: s.timeIsIllustrative,
    status: s.status,
    visibility: s.visibility,
    capacity: s.capacity,
    venue: venue ? presentVenue(venue) : null,
    stage: row.stageName,
    speakers: related.speakers
      .filter((speaker) => speaker.sessionId === s.id)
      .map((speaker) => ({
        person: {
          id: speaker.id,
          name: speaker.name,
          country: countryOf(ref, speaker.countryCode),
          fictional: speaker.fictional,
          photo: photoOf(speaker.photoHash),
        },
        part: speaker.part,
      })),
    hosts: organizationsAs('host'),
    presenters: organizationsAs('presenter'),
    partners: organizationsAs('partner'),
    topics: topicsOf(ref, s.topics),
    version: s.version,
  };
}

export function presentEventDetail(ref: Reference, row: EventRow, programme: Session[], days: string[]): EventDetail {
  const venuesBySlug = new Map<string, VenueSummary>();
  const partners = new Map<string, OrganizationRef>();
  for (const session of programme) {
    if (session.venue) venuesBySlug.set(session.venue.slug, session.venue);
    for (const organization of [...session.hosts, ...session.presenters, ...session.partners]) {
      partners.set(organization.slug, organization);
    }
  }
  return {
    ...presentEventSummary(ref, row),
    description: localized(row.description_en, row.description_es),
    website: row.website,
    days: days.map((date) => ({ date, sessionsCount: programme.filter((s) => s.day === date).length })),
    venues: [...venuesBySlug.values()],
    kinds: [...new Set(programme.map((session) => session.kind))],
    partners: [...partners.values()],
    version: row.version,
  };
}

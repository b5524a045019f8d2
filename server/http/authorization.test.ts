import { type SQL, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRole } from '../../shared/domain.ts';
import { signedInAs } from '../../test/accounts.ts';
import { databaseKinds, freshDatabase } from '../../test/databases.ts';
import { buildApp } from '../app.ts';
import { rows } from '../db/client.ts';
import { type Runtime, startRuntime } from '../runtime.ts';
import type { App } from './types.ts';

/**
 * The role × route matrix. Every route the app registers is collected as it
 * is registered (the app's onRoute option hears every plugin's), so a route
 * added anywhere shows up here on its own; a route
 * missing from POLICY fails the first test until someone decides who may
 * call it. Each restricted route is then called by every kind of viewer, with
 * a request that is valid for the allowed ones, in a small world of its own:
 * an organisation X with a person P, another organisation Y, an event with a
 * session, a venue and a working group. DATA_LEVEL then tries the writes that
 * pass a route's check with someone else's data in them.
 */
const registered = { routes: [] as { method: string; url: string }[] };

type Who =
  | 'anonymous'
  | 'delegate'
  | 'self'
  | 'partnerOfX'
  | 'managerOfX'
  | 'managerOfY'
  | 'editor'
  | 'attendeeElsewhere'
  | 'admin';

const VIEWERS: Record<Who, string> = {
  anonymous: 'the public',
  delegate: 'a delegate',
  self: 'P themself (a delegate)',
  partnerOfX: "X's partner contact",
  managerOfX: "X's manager",
  managerOfY: "Y's manager (another organisation)",
  editor: 'a news editor',
  attendeeElsewhere: 'a delegate attending another event',
  admin: 'a network admin',
};

interface World {
  n: number;
  organization: { slug: string; version: number };
  person: { id: string; version: number };
  /** P's private e-mail address. */
  personEmail: string;
  /** Someone in no organisation, for adding to X. */
  stranger: { id: string };
  /** One of X's people with no account, travelling with no delegation: X's manager may put them in X's delegation. */
  recruit: { id: string };
  /** A person of X whose account is a network admin's (not one of the signed-in viewers). */
  adminsPerson: { id: string; email: string };
  /** Y's delegation to the world's event, with nobody in it. */
  yDelegation: { id: string; version: number };
  /** Y's manager asked P to join Y; P has not answered. */
  request: string;
  event: { slug: string; version: number };
  session: { id: string; version: number };
  venue: { slug: string; version: number };
  group: { slug: string; version: number };
  /** The session is a meeting of the group, X sits in it; one of each part of its record. */
  meeting: { agendaItem: string; decision: string; actionItem: { id: string; version: number } };
  programme: { slug: string; version: number; promoter: string; milestone: { id: string; version: number } };
  /** A draft article in the category "news-category". */
  article: { slug: string; version: number };
  /** Another event that has a connection bingo, with one prize. */
  bingo: { event: string; version: number; prizeId: string };
  /** X's delegation to the event, with P as a member (so P attends it), a funding record, a delegates-only session and a notice for P. */
  trip: {
    delegation: { id: string; version: number };
    funding: string;
    delegatesSession: string;
    notification: string;
    /** An announcement of the event sent to P, in P's inbox. */
    announcement: string;
  };
  /** In the session's room: an approved question the stranger asked, and an open poll with its first option. */
  room: { question: { id: string; version: number }; poll: { id: string; version: number }; option: string };
  /** One-to-one meetings at the event: a space with a slot ahead, a counterpart attending, and requests. */
  meetings: {
    slot: string;
    counterpart: string;
    /** The stranger asked P; it waits for P's answer. */
    toP: { id: string; version: number };
    /** The stranger asked the counterpart: P has no part in it. */
    others: { id: string; version: number };
  };
}

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: object;
  headers?: Record<string, string>;
}

/** A photo to upload: the body of PUT /api/people/:id/photo is the image itself. */
const PHOTO = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#884422' } })
  .jpeg()
  .toBuffer();
const photoUpload = (personId: string): Call => ({
  method: 'PUT',
  url: `/api/people/${personId}/photo`,
  payload: PHOTO,
  headers: { 'content-type': 'image/jpeg' },
});

type Rule =
  /** Anyone, signed in or not: checked with the anonymous public only. */
  | { who: 'public'; why: string }
  | {
      who: readonly Who[];
      call: (world: World) => Call;
      /** Allowed callers cannot form a valid request (e.g. a WebAuthn answer): they must merely not be refused. */
      onlyNotRefused?: boolean;
      /** Runs after every other route (it removes the caller's own account). */
      last?: boolean;
    };

const ADMIN: readonly Who[] = ['admin'];
const SIGNED_IN: readonly Who[] = [
  'delegate',
  'self',
  'partnerOfX',
  'managerOfX',
  'managerOfY',
  'editor',
  'attendeeElsewhere',
  'admin',
];
const NEWS_WRITERS: readonly Who[] = ['editor', 'admin'];
const PUBLIC_READ = { who: 'public', why: 'public read' } as const;
/** A delegation: admins, and the manager of its organisation (canManageDelegationOf in server/accounts/policy.ts). */
const DELEGATION_MANAGERS: readonly Who[] = ['admin', 'managerOfX'];
/** A meeting's record: admins, and the managers of the group's own organisations (canEditMeetingsOf in server/accounts/policy.ts). */
const MEETING_EDITORS: readonly Who[] = ['admin', 'managerOfX'];

/** Who may call what. The rules themselves are in server/accounts/policy.ts. */
const POLICY: Record<string, Rule> = {
  'GET /api/health': PUBLIC_READ,
  'GET /api/openapi.json': PUBLIC_READ,
  'GET /dev/mailbox': { who: 'public', why: 'outside production only, without SMTP' },
  'POST /api/auth/magic-link': { who: 'public', why: 'asking for a sign-in link' },
  'GET /auth/verify': { who: 'public', why: 'opening a sign-in link' },
  'POST /api/auth/code': { who: 'public', why: 'typing the code of a sign-in mail, in the browser that asked' },
  'POST /api/auth/logout': { who: 'public', why: 'ends the session, if any' },
  'POST /api/auth/passkey/options': { who: 'public', why: 'starting a passkey sign-in' },
  'POST /api/auth/passkey': { who: 'public', why: 'finishing a passkey sign-in' },

  'GET /api/me': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me' }) },
  'GET /api/me/export': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me/export' }) },
  'GET /api/me/passkeys': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me/passkeys' }) },
  'POST /api/me/passkeys/options': {
    who: SIGNED_IN,
    call: () => ({ method: 'POST', url: '/api/me/passkeys/options', payload: {} }),
  },
  'POST /api/me/passkeys': {
    who: SIGNED_IN,
    // Well-formed, but no authenticator signed it: signed-in callers get past authorization, then fail verification.
    call: () => ({
      method: 'POST',
      url: '/api/me/passkeys',
      payload: {
        response: {
          id: 'AAAA',
          rawId: 'AAAA',
          type: 'public-key',
          response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' },
          clientExtensionResults: {},
        },
      },
    }),
    onlyNotRefused: true,
  },
  'DELETE /api/me/passkeys/:id': {
    who: SIGNED_IN,
    call: () => ({ method: 'DELETE', url: '/api/me/passkeys/not-a-registered-credential' }),
    onlyNotRefused: true,
  },
  'DELETE /api/me': { who: SIGNED_IN, call: () => ({ method: 'DELETE', url: '/api/me' }), last: true },
  'GET /api/audit': { who: ADMIN, call: () => ({ method: 'GET', url: '/api/audit?limit=5' }) },
  'GET /api/me/agenda': {
    who: SIGNED_IN,
    // An account without a person gets an empty agenda: it is theirs to read all the same.
    call: (w) => ({ method: 'GET', url: `/api/me/agenda?event=${w.event.slug}` }),
  },
  'GET /api/me/events': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me/events' }) },
  'GET /api/me/calendar-token': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me/calendar-token' }) },
  // A calendar feed belongs to a person: accounts bound to none are refused.
  // (The attendee of another event has a person of their own too.)
  'POST /api/me/calendar-token': {
    who: ['self', 'attendeeElsewhere'],
    call: () => ({ method: 'POST', url: '/api/me/calendar-token' }),
  },
  'DELETE /api/me/calendar-token': {
    who: ['self', 'attendeeElsewhere'],
    call: () => ({ method: 'DELETE', url: '/api/me/calendar-token' }),
  },
  'GET /api/me/calendar.ics': { who: 'public', why: 'the secret token in the address is the credential' },

  'GET /api/countries': PUBLIC_READ,
  'GET /api/organizations': PUBLIC_READ,
  'GET /api/organizations/:slug': PUBLIC_READ,
  'GET /api/people': PUBLIC_READ,
  'GET /api/people/:id': { who: 'public', why: 'contact fields filtered by viewer (privacy.test.ts)' },
  'GET /api/people/:id/sessions': PUBLIC_READ,
  'GET /api/working-groups': PUBLIC_READ,
  'GET /api/working-groups/:slug': PUBLIC_READ,
  'GET /api/events': PUBLIC_READ,
  'GET /api/events/:slug': PUBLIC_READ,
  'GET /api/events/:slug/sessions': PUBLIC_READ,
  'GET /api/events/:slug/calendar.ics': PUBLIC_READ,
  'GET /api/venues': PUBLIC_READ,
  'GET /api/sessions/:id': {
    who: 'public',
    why: 'as the programme: members-only to members, delegates-only to attendees, all to admins',
  },
  'GET /api/articles': {
    who: 'public',
    why: 'public read; ?status= lists are for editors (server/news/writing.test.ts)',
  },
  'GET /api/articles/categories': PUBLIC_READ,
  'GET /api/articles/:slug': PUBLIC_READ,
  'GET /feed.atom': PUBLIC_READ,
  'GET /api/events/:slug/live': { who: 'public', why: 'public changes; personal messages reach only their person' },

  'POST /api/organizations': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: '/api/organizations',
      payload: { slug: `new-${w.n}`, kind: 'label', name: 'New' },
    }),
  },
  'PATCH /api/organizations/:slug': {
    who: ['admin', 'managerOfX', 'partnerOfX'],
    call: (w) => ({
      method: 'PATCH',
      url: `/api/organizations/${w.organization.slug}`,
      payload: { version: w.organization.version, website: 'https://x.example' },
    }),
  },
  'DELETE /api/organizations/:slug': {
    who: ADMIN,
    call: (w) => ({ method: 'DELETE', url: `/api/organizations/${w.organization.slug}` }),
  },
  'POST /api/people': {
    who: ['admin', 'managerOfX', 'managerOfY'],
    call: () => ({ method: 'POST', url: '/api/people', payload: { name: 'New Person' } }),
  },
  'GET /api/people/:id/editable': {
    who: ['admin', 'self', 'managerOfX'],
    call: (w) => ({ method: 'GET', url: `/api/people/${w.person.id}/editable` }),
  },
  'PATCH /api/people/:id': {
    who: ['admin', 'self', 'managerOfX'],
    call: (w) => ({
      method: 'PATCH',
      url: `/api/people/${w.person.id}`,
      payload: { version: w.person.version, bio: { en: 'Changed.' } },
    }),
  },
  'PUT /api/people/:id/photo': { who: ['admin', 'self', 'managerOfX'], call: (w) => photoUpload(w.person.id) },
  'DELETE /api/people/:id/photo': {
    who: ['admin', 'self', 'managerOfX'],
    call: (w) => ({ method: 'DELETE', url: `/api/people/${w.person.id}/photo` }),
  },
  'GET /api/topics': PUBLIC_READ,
  'GET /api/photos/:name': {
    who: 'public',
    why: 'shown as names are; an address is unguessable and new with each photo',
  },
  'DELETE /api/people/:id': { who: ADMIN, call: (w) => ({ method: 'DELETE', url: `/api/people/${w.person.id}` }) },
  'POST /api/people/:id/affiliations': {
    who: ['admin', 'managerOfX'],
    call: (w) => ({
      method: 'POST',
      url: `/api/people/${w.stranger.id}/affiliations`,
      payload: { organization: w.organization.slug },
    }),
  },
  'POST /api/people/:id/affiliation-requests': {
    who: ['admin', 'managerOfX'],
    call: (w) => ({
      method: 'POST',
      url: `/api/people/${w.stranger.id}/affiliation-requests`,
      payload: { organization: w.organization.slug },
    }),
  },
  // Giving P an account (P has one: the invitation is sent again), and withdrawing it: admins and X's manager.
  'POST /api/people/:id/invitation': {
    who: ['admin', 'managerOfX'],
    call: (w) => ({ method: 'POST', url: `/api/people/${w.person.id}/invitation` }),
  },
  'DELETE /api/people/:id/invitation': {
    who: ['admin', 'managerOfX'],
    call: (w) => ({ method: 'DELETE', url: `/api/people/${w.person.id}/invitation` }),
  },
  'POST /api/events/:slug/invitations': {
    who: ADMIN,
    call: (w) => ({ method: 'POST', url: `/api/events/${w.event.slug}/invitations`, payload: {} }),
  },
  'GET /api/me/affiliation-requests': {
    who: SIGNED_IN,
    call: () => ({ method: 'GET', url: '/api/me/affiliation-requests' }),
  },
  'GET /api/affiliation-requests': { who: ADMIN, call: () => ({ method: 'GET', url: '/api/affiliation-requests' }) },
  // P was asked to join Y: P answers, or an admin for them; neither Y's manager who asked nor X's.
  'POST /api/affiliation-requests/:id/accept': {
    who: ['self', 'admin'],
    call: (w) => ({ method: 'POST', url: `/api/affiliation-requests/${w.request}/accept` }),
  },
  'POST /api/affiliation-requests/:id/decline': {
    who: ['self', 'admin'],
    call: (w) => ({ method: 'POST', url: `/api/affiliation-requests/${w.request}/decline` }),
  },
  'DELETE /api/people/:id/affiliations/:organization': {
    who: ['admin', 'managerOfX'],
    call: (w) => ({ method: 'DELETE', url: `/api/people/${w.person.id}/affiliations/${w.organization.slug}` }),
  },
  'PATCH /api/working-groups/:slug': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/working-groups/${w.group.slug}`,
      payload: { version: w.group.version, description: { en: 'Changed.' } },
    }),
  },
  'POST /api/events': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: '/api/events',
      payload: {
        slug: `new-event-${w.n}`,
        name: { en: 'New event' },
        city: 'Quito',
        timeZone: 'America/Guayaquil',
        startsOn: '2025-06-01',
        endsOn: '2025-06-02',
      },
    }),
  },
  'PATCH /api/events/:slug': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/events/${w.event.slug}`,
      payload: { version: w.event.version, city: 'Cuenca' },
    }),
  },
  'DELETE /api/events/:slug': { who: ADMIN, call: (w) => ({ method: 'DELETE', url: `/api/events/${w.event.slug}` }) },
  'POST /api/venues': {
    who: ADMIN,
    call: (w) => ({ method: 'POST', url: '/api/venues', payload: { slug: `new-venue-${w.n}`, name: 'New venue' } }),
  },
  'PATCH /api/venues/:slug': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/venues/${w.venue.slug}`,
      payload: { version: w.venue.version, city: 'Cuenca' },
    }),
  },
  'DELETE /api/venues/:slug': { who: ADMIN, call: (w) => ({ method: 'DELETE', url: `/api/venues/${w.venue.slug}` }) },
  'POST /api/events/:slug/sessions': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/sessions`,
      payload: {
        kind: 'meeting',
        title: { en: 'New meeting' },
        startsAt: '2025-05-08T10:00:00-05:00',
        endsAt: '2025-05-08T11:00:00-05:00',
      },
    }),
  },
  'PATCH /api/sessions/:id': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/sessions/${w.session.id}`,
      payload: { version: w.session.version, capacity: 50 },
    }),
  },
  'DELETE /api/sessions/:id': { who: ADMIN, call: (w) => ({ method: 'DELETE', url: `/api/sessions/${w.session.id}` }) },

  'GET /api/events/:slug/delegations': {
    who: 'public',
    why: "members and funding details only to staff and the delegation's manager (delegations.test.ts)",
  },
  'GET /api/delegations/:id': { who: 'public', why: 'details as for the list' },
  'POST /api/events/:slug/delegations': {
    who: DELEGATION_MANAGERS,
    // X has a delegation to the world's event already: this one goes to the bingo's event.
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.bingo.event}/delegations`,
      payload: { organization: w.organization.slug },
    }),
  },
  'PATCH /api/delegations/:id': {
    who: DELEGATION_MANAGERS,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/delegations/${w.trip.delegation.id}`,
      payload: { version: w.trip.delegation.version, notes: 'Changed.' },
    }),
  },
  'DELETE /api/delegations/:id': {
    who: DELEGATION_MANAGERS,
    call: (w) => ({ method: 'DELETE', url: `/api/delegations/${w.trip.delegation.id}` }),
  },
  'POST /api/delegations/:id/members': {
    who: DELEGATION_MANAGERS,
    call: (w) => ({
      method: 'POST',
      url: `/api/delegations/${w.trip.delegation.id}/members`,
      payload: { personId: w.recruit.id },
    }),
  },
  'PATCH /api/delegations/:id/members/:personId': {
    who: DELEGATION_MANAGERS,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/delegations/${w.trip.delegation.id}/members/${w.person.id}`,
      payload: { arrivesOn: '2025-05-06' },
    }),
  },
  'DELETE /api/delegations/:id/members/:personId': {
    who: DELEGATION_MANAGERS,
    call: (w) => ({ method: 'DELETE', url: `/api/delegations/${w.trip.delegation.id}/members/${w.person.id}` }),
  },
  'POST /api/delegations/:id/funding': {
    who: DELEGATION_MANAGERS,
    call: (w) => ({
      method: 'POST',
      url: `/api/delegations/${w.trip.delegation.id}/funding`,
      payload: { funder: 'y', covers: { en: 'Travel' } },
    }),
  },
  'DELETE /api/delegations/:id/funding/:fundingId': {
    who: DELEGATION_MANAGERS,
    call: (w) => ({ method: 'DELETE', url: `/api/delegations/${w.trip.delegation.id}/funding/${w.trip.funding}` }),
  },
  'GET /api/events/:slug/delegations/manifest.csv': {
    who: ADMIN,
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/delegations/manifest.csv` }),
  },
  // The attendee list is the network staff's (canManageAttendees, canChangeRoles in server/accounts/policy.ts).
  'GET /api/events/:slug/attendees': {
    who: ADMIN,
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/attendees` }),
  },
  'GET /api/events/:slug/attendees.csv': {
    who: ADMIN,
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/attendees.csv` }),
  },
  'POST /api/events/:slug/attendees/import': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/attendees/import?dryRun=true`,
      payload: { csv: 'name,organization\nSomeone New,x' },
    }),
  },
  'PATCH /api/events/:slug/attendees/:personId': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/events/${w.event.slug}/attendees/${w.person.id}`,
      payload: { staff: false },
    }),
  },
  'GET /api/people/:id/roles': {
    who: ADMIN,
    call: (w) => ({ method: 'GET', url: `/api/people/${w.person.id}/roles` }),
  },
  'PUT /api/people/:id/roles': {
    who: ADMIN,
    call: (w) => ({ method: 'PUT', url: `/api/people/${w.person.id}/roles`, payload: { role: 'delegate' } }),
  },
  'GET /api/events/:slug/funding': {
    who: ADMIN,
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/funding` }),
  },
  'POST /api/sessions/:id/assignments': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/sessions/${w.session.id}/assignments`,
      payload: { delegationId: w.trip.delegation.id },
    }),
  },
  'DELETE /api/sessions/:id/assignments/:delegationId': {
    who: ADMIN,
    call: (w) => ({ method: 'DELETE', url: `/api/sessions/${w.session.id}/assignments/${w.trip.delegation.id}` }),
  },
  // A delegates-only session: those attending its event (P) and admins see it; the attendee of another event is refused.
  'GET /api/sessions/:id/rsvp': {
    who: ['self', 'admin'],
    call: (w) => ({ method: 'GET', url: `/api/sessions/${w.trip.delegatesSession}/rsvp` }),
  },
  // Like the seat: only who may see the delegates-only session hears how many of their contacts go.
  'GET /api/sessions/:id/contacts-going': {
    who: ['self', 'admin'],
    call: (w) => ({ method: 'GET', url: `/api/sessions/${w.trip.delegatesSession}/contacts-going` }),
  },
  // Booking also needs a person behind the account (the admins here have none).
  'POST /api/sessions/:id/rsvp': {
    who: ['self'],
    call: (w) => ({ method: 'POST', url: `/api/sessions/${w.trip.delegatesSession}/rsvp` }),
  },
  'DELETE /api/sessions/:id/rsvp': {
    who: ['self'],
    call: (w) => ({ method: 'DELETE', url: `/api/sessions/${w.trip.delegatesSession}/rsvp` }),
  },
  'GET /api/me/notifications': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me/notifications' }) },
  'POST /api/me/notifications/:id/read': {
    who: ['self'],
    call: (w) => ({ method: 'POST', url: `/api/me/notifications/${w.trip.notification}/read` }),
  },

  'GET /api/sessions/:id/meeting': {
    who: 'public',
    why: 'internal minutes only to members (meetings-privacy.test.ts)',
  },
  'GET /api/working-groups/:slug/action-items': PUBLIC_READ,
  'PUT /api/sessions/:id/minutes': {
    who: MEETING_EDITORS,
    call: (w) => ({
      method: 'PUT',
      url: `/api/sessions/${w.session.id}/minutes`,
      payload: { internal: true, body: { en: '<p>Notes</p>', es: null } },
    }),
  },
  'POST /api/sessions/:id/agenda-items': {
    who: MEETING_EDITORS,
    call: (w) => ({
      method: 'POST',
      url: `/api/sessions/${w.session.id}/agenda-items`,
      payload: { title: { en: 'More' } },
    }),
  },
  'PATCH /api/agenda-items/:id': {
    who: MEETING_EDITORS,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/agenda-items/${w.meeting.agendaItem}`,
      payload: { title: { en: 'Other' } },
    }),
  },
  'DELETE /api/agenda-items/:id': {
    who: MEETING_EDITORS,
    call: (w) => ({ method: 'DELETE', url: `/api/agenda-items/${w.meeting.agendaItem}` }),
  },
  'POST /api/sessions/:id/decisions': {
    who: MEETING_EDITORS,
    call: (w) => ({
      method: 'POST',
      url: `/api/sessions/${w.session.id}/decisions`,
      payload: { text: { en: 'Agreed' } },
    }),
  },
  'PATCH /api/decisions/:id': {
    who: MEETING_EDITORS,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/decisions/${w.meeting.decision}`,
      payload: { text: { en: 'Agreed' } },
    }),
  },
  'DELETE /api/decisions/:id': {
    who: MEETING_EDITORS,
    call: (w) => ({ method: 'DELETE', url: `/api/decisions/${w.meeting.decision}` }),
  },
  'POST /api/sessions/:id/action-items': {
    who: MEETING_EDITORS,
    call: (w) => ({
      method: 'POST',
      url: `/api/sessions/${w.session.id}/action-items`,
      payload: { text: { en: 'Do' } },
    }),
  },
  'PATCH /api/action-items/:id': {
    who: MEETING_EDITORS,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/action-items/${w.meeting.actionItem.id}`,
      payload: { version: w.meeting.actionItem.version, status: 'done' },
    }),
  },
  'DELETE /api/action-items/:id': {
    who: MEETING_EDITORS,
    call: (w) => ({ method: 'DELETE', url: `/api/action-items/${w.meeting.actionItem.id}` }),
  },

  'GET /api/building-programmes': PUBLIC_READ,
  'GET /api/building-programmes/:slug': PUBLIC_READ,
  'POST /api/building-programmes': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: '/api/building-programmes',
      payload: { slug: `new-programme-${w.n}`, country: 'CO', workingName: 'New' },
    }),
  },
  'PATCH /api/building-programmes/:slug': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/building-programmes/${w.programme.slug}`,
      payload: { version: w.programme.version, status: 'in_progress' },
    }),
  },
  'DELETE /api/building-programmes/:slug': {
    who: ADMIN,
    call: (w) => ({ method: 'DELETE', url: `/api/building-programmes/${w.programme.slug}` }),
  },
  'POST /api/building-programmes/:slug/promoters': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/building-programmes/${w.programme.slug}/promoters`,
      payload: { person: w.stranger.id },
    }),
  },
  'PATCH /api/building-promoters/:id': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/building-promoters/${w.programme.promoter}`,
      payload: { role: { en: 'Lead' } },
    }),
  },
  'DELETE /api/building-promoters/:id': {
    who: ADMIN,
    call: (w) => ({ method: 'DELETE', url: `/api/building-promoters/${w.programme.promoter}` }),
  },
  'POST /api/building-programmes/:slug/milestones': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/building-programmes/${w.programme.slug}/milestones`,
      payload: { title: { en: 'Next' } },
    }),
  },
  'PATCH /api/building-milestones/:id': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/building-milestones/${w.programme.milestone.id}`,
      payload: { version: w.programme.milestone.version, doneOn: '2025-01-01' },
    }),
  },
  'DELETE /api/building-milestones/:id': {
    who: ADMIN,
    call: (w) => ({ method: 'DELETE', url: `/api/building-milestones/${w.programme.milestone.id}` }),
  },

  'POST /api/articles': {
    who: NEWS_WRITERS,
    call: (w) => ({
      method: 'POST',
      url: '/api/articles',
      payload: { slug: `new-article-${w.n}`, category: 'news-category', title: { en: 'New' } },
    }),
  },
  'GET /api/articles/:slug/editable': {
    who: NEWS_WRITERS,
    call: (w) => ({ method: 'GET', url: `/api/articles/${w.article.slug}/editable` }),
  },
  'PATCH /api/articles/:slug': {
    who: NEWS_WRITERS,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/articles/${w.article.slug}`,
      payload: { version: w.article.version, status: 'published' },
    }),
  },
  'DELETE /api/articles/:slug': {
    who: NEWS_WRITERS,
    call: (w) => ({ method: 'DELETE', url: `/api/articles/${w.article.slug}` }),
  },
  'POST /api/events/:slug/trip-report': {
    who: NEWS_WRITERS,
    call: (w) => ({ method: 'POST', url: `/api/events/${w.event.slug}/trip-report?category=news-category` }),
  },

  // Scanning needs a person attending the event (P); an account without a person, or attending elsewhere, is refused.
  'POST /api/events/:slug/connections': {
    who: ['self'],
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/connections`,
      payload: { code: 'STRNGR', nonce: `nonce-${w.n}-${Math.random().toString(36).slice(2)}`, scannedAt: new Date() },
    }),
  },
  // Everyone signed in may ask; those without a badge at the event are told so (404), not refused.
  'GET /api/me/badge': {
    who: SIGNED_IN,
    call: (w) => ({ method: 'GET', url: `/api/me/badge?event=${w.event.slug}` }),
    onlyNotRefused: true,
  },
  'GET /api/events/:slug/badges': {
    who: ADMIN,
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/badges` }),
  },
  'POST /api/events/:slug/badges/printed': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/badges/printed`,
      payload: { personIds: ['00000000-0000-4000-8000-000000000000'] },
    }),
  },
  'POST /api/events/:slug/check-ins': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/check-ins`,
      payload: { code: 'STRNGR', nonce: `check-in-${w.n}`, at: '2025-05-08T15:00:00Z' },
    }),
  },
  'GET /api/events/:slug/check-ins': {
    who: ADMIN,
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/check-ins?session=${w.session.id}` }),
  },
  'POST /api/events/:slug/announcements': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/announcements`,
      payload: {
        title: { en: 'Reception', es: 'Recepción' },
        body: { en: 'Tonight at eight.', es: 'Esta noche a las ocho.' },
        audience: { kind: 'all' },
      },
    }),
  },
  'GET /api/events/:slug/announcements': {
    who: ADMIN,
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/announcements` }),
  },
  // An account without a person has an empty inbox, not a refusal.
  'GET /api/me/inbox': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me/inbox' }) },
  // Only the recipient marks their copy read; the announcement exists, so anyone else is refused.
  'POST /api/me/inbox/:id/read': {
    who: ['self'],
    call: (w) => ({ method: 'POST', url: `/api/me/inbox/${w.trip.announcement}/read` }),
  },
  'GET /api/push/key': { who: 'public', why: 'the public half of the VAPID key, for PushManager.subscribe' },
  'POST /api/me/push-subscriptions': {
    who: SIGNED_IN,
    call: (w) => ({
      method: 'POST',
      url: '/api/me/push-subscriptions',
      payload: {
        endpoint: `https://push.example/${w.n}/${Math.random().toString(36).slice(2)}`,
        keys: {
          p256dh: 'BOr6Nk0rV5YqC1cW3h8pJc9d3QkU5mH1Zb6r2X8tYp4sLq0eVw7uAa9fGh2jKl3mNn4oPp5qRr6sSt7uUv8wWx9',
          auth: 'c2VjcmV0LWF1dGgtMTIz',
        },
      },
    }),
  },
  // Removing a device's subscription is for its own account: another account's endpoint is not found.
  'DELETE /api/me/push-subscriptions': {
    who: SIGNED_IN,
    call: () => ({
      method: 'DELETE',
      url: '/api/me/push-subscriptions',
      payload: { endpoint: 'https://push.example/none' },
    }),
    onlyNotRefused: true,
  },
  'GET /api/me/reminders': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me/reminders' }) },
  // Choosing a lead time needs a person behind the account (the admins here have none): they get 422, not a refusal.
  'PUT /api/me/reminders': {
    who: SIGNED_IN,
    call: () => ({ method: 'PUT', url: '/api/me/reminders', payload: { leadMinutes: 30 } }),
    onlyNotRefused: true,
  },
  // A session's room: read by whoever sees the session (filtered by its visibility and by who moderates it).
  'GET /api/sessions/:id/questions': { who: 'public', why: 'filtered by the session’s visibility (audience.test.ts)' },
  'GET /api/sessions/:id/polls': { who: 'public', why: 'filtered by the session’s visibility (audience.test.ts)' },
  // Asking and voting take a person attending the event (P); the admin's login has no person.
  'POST /api/sessions/:id/questions': {
    who: ['self'],
    call: (w) => ({ method: 'POST', url: `/api/sessions/${w.session.id}/questions`, payload: { text: 'A question?' } }),
  },
  'POST /api/questions/:id/votes': {
    who: ['self'],
    call: (w) => ({ method: 'POST', url: `/api/questions/${w.room.question.id}/votes`, payload: { voted: true } }),
  },
  'PATCH /api/questions/:id': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/questions/${w.room.question.id}`,
      payload: { version: w.room.question.version, pinned: true },
    }),
  },
  'POST /api/sessions/:id/polls': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/sessions/${w.session.id}/polls`,
      payload: { kind: 'single', question: { en: 'Which?' }, options: [{ en: 'A' }, { en: 'B' }] },
    }),
  },
  'PATCH /api/polls/:id': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/polls/${w.room.poll.id}`,
      payload: { version: w.room.poll.version, resultsShown: true },
    }),
  },
  'POST /api/polls/:id/votes': {
    who: ['self'],
    call: (w) => ({ method: 'POST', url: `/api/polls/${w.room.poll.id}/votes`, payload: { options: [w.room.option] } }),
  },
  // Feedback: my own rating (anyone signed in); giving one takes having been there (P's delegation was assigned).
  'GET /api/sessions/:id/feedback': {
    who: SIGNED_IN,
    call: (w) => ({ method: 'GET', url: `/api/sessions/${w.session.id}/feedback` }),
  },
  'PUT /api/sessions/:id/feedback': {
    who: ['self'],
    call: (w) => ({ method: 'PUT', url: `/api/sessions/${w.session.id}/feedback`, payload: { rating: 4 } }),
  },
  'PATCH /api/sessions/:id/feedback': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/sessions/${w.session.id}/feedback`,
      payload: { version: 0, open: false },
    }),
  },
  'GET /api/events/:slug/audience': {
    who: ADMIN,
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/audience` }),
  },
  'PATCH /api/events/:slug/audience': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/events/${w.event.slug}/audience`,
      payload: { version: 0, questionsNeedApproval: false },
    }),
  },
  'GET /api/events/:slug/dashboard': {
    who: ADMIN,
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/dashboard` }),
  },
  'GET /api/events/:slug/connections/flags': {
    who: ADMIN,
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/connections/flags` }),
  },
  'GET /api/events/:slug/meeting-spaces': { who: 'public', why: 'where and when meetings happen, like the programme' },
  'POST /api/events/:slug/meeting-spaces': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/meeting-spaces`,
      payload: {
        name: 'Terrace',
        tables: 2,
        slotMinutes: 20,
        windows: [{ startsAt: '2030-05-08T18:00:00Z', endsAt: '2030-05-08T19:00:00Z' }],
      },
    }),
  },
  // Availability, requests and suggestions are an attendee's own (P attends the event; the rest do not).
  'GET /api/events/:slug/availability': {
    who: ['self'],
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/availability` }),
  },
  'PUT /api/events/:slug/availability': {
    who: ['self'],
    call: (w) => ({
      method: 'PUT',
      url: `/api/events/${w.event.slug}/availability`,
      payload: { blocks: [{ startsAt: '2030-05-08T15:00:00Z', endsAt: '2030-05-08T16:00:00Z' }], inboxClosed: false },
    }),
  },
  'POST /api/events/:slug/meetings': {
    who: ['self'],
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/meetings`,
      payload: { with: w.meetings.counterpart, slots: [w.meetings.slot] },
    }),
  },
  'GET /api/events/:slug/matches': {
    who: ['self'],
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/matches` }),
  },
  // Only the two people of a meeting answer it.
  'PATCH /api/meetings/:id': {
    who: ['self'],
    call: (w) => ({
      method: 'PATCH',
      url: `/api/meetings/${w.meetings.toP.id}`,
      payload: { version: w.meetings.toP.version, action: 'decline' },
    }),
  },
  // An account without a person has no meetings: an empty list.
  'GET /api/me/meetings': {
    who: SIGNED_IN,
    call: (w) => ({ method: 'GET', url: `/api/me/meetings?event=${w.event.slug}` }),
  },
  'GET /api/events/:slug/meetings': {
    who: ADMIN,
    call: (w) => ({ method: 'GET', url: `/api/events/${w.event.slug}/meetings` }),
  },
  'POST /api/events/:slug/meetings/schedule': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/meetings/schedule`,
      payload: { publish: false },
    }),
  },
  // An account without a person has met nobody: an empty list, not a refusal.
  'GET /api/me/contacts': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me/contacts' }) },
  'GET /api/me/contacts.vcf': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me/contacts.vcf' }) },
  'GET /api/me/contacts.csv': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me/contacts.csv' }) },
  // A note only about someone I am connected with (P met the stranger at the event).
  'PUT /api/me/contacts/:personId/note': {
    who: ['self'],
    call: (w) => ({
      method: 'PUT',
      url: `/api/me/contacts/${w.stranger.id}/note`,
      payload: { note: 'Met at the bar.' },
    }),
  },
  // What I share: only people can share (accounts without a person are told so), only with their contacts.
  'GET /api/me/sharing': {
    who: ['self', 'attendeeElsewhere'],
    call: () => ({ method: 'GET', url: '/api/me/sharing' }),
  },
  'PUT /api/me/contacts/:personId/share': {
    who: ['self'],
    call: (w) => ({
      method: 'PUT',
      url: `/api/me/contacts/${w.stranger.id}/share`,
      payload: { email: true, phone: false, website: false },
    }),
  },
  'GET /api/events/:slug/bingo': PUBLIC_READ,
  'GET /api/events/:slug/bingo/leaderboard': { who: 'public', why: 'names only of players who agreed to be shown' },
  'GET /api/events/:slug/bingo/screen': { who: 'public', why: 'the big screen; names only with consent' },
  'GET /api/events/:slug/bingo/draw': { who: 'public', why: 'published so that anyone can verify the draw' },
  'GET /api/events/:slug/bingo/card': {
    who: SIGNED_IN,
    // Only accounts linked to a person have a card; the others are told so (422), not refused.
    call: (w) => ({ method: 'GET', url: `/api/events/${w.bingo.event}/bingo/card` }),
    onlyNotRefused: true,
  },
  'PATCH /api/events/:slug/bingo/card': {
    who: SIGNED_IN,
    // Each player changes only their own card (the viewer's); accounts without a person are told so (422).
    call: (w) => ({
      method: 'PATCH',
      url: `/api/events/${w.bingo.event}/bingo/card`,
      payload: { showName: true },
    }),
    onlyNotRefused: true,
  },
  'GET /api/events/:slug/bingo/suggestions': {
    who: SIGNED_IN,
    call: (w) => ({ method: 'GET', url: `/api/events/${w.bingo.event}/bingo/suggestions` }),
    onlyNotRefused: true,
  },
  'POST /api/events/:slug/bingo': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/bingo`,
      payload: {
        startsAt: '2025-05-08T15:00:00Z',
        endsAt: '2025-05-08T18:00:00Z',
        gridSize: 2,
        cells: [{ country: 'AR' }, { country: 'CL' }, { country: 'MX' }, { country: 'ES' }, { country: 'US' }],
      },
    }),
  },
  'PATCH /api/events/:slug/bingo': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/events/${w.bingo.event}/bingo`,
      payload: { version: w.bingo.version, winRule: 'full_card' },
    }),
  },
  'POST /api/events/:slug/bingo/end': {
    who: ADMIN,
    call: (w) => ({ method: 'POST', url: `/api/events/${w.bingo.event}/bingo/end` }),
    // The world's game is over by now: staff get past authorization, then hear it has ended.
    onlyNotRefused: true,
  },
  'POST /api/events/:slug/bingo/prizes': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.bingo.event}/bingo/prizes`,
      payload: { description: { en: 'A record bag' }, quantity: 2 },
    }),
  },
  'PATCH /api/events/:slug/bingo/prizes/:id': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/events/${w.bingo.event}/bingo/prizes/${w.bingo.prizeId}`,
      payload: { quantity: 3 },
    }),
  },
  'DELETE /api/events/:slug/bingo/prizes/:id': {
    who: ADMIN,
    call: (w) => ({ method: 'DELETE', url: `/api/events/${w.bingo.event}/bingo/prizes/${w.bingo.prizeId}` }),
  },
  // Nobody has completed a card in this small world: staff get past authorization and meet the game's rules.
  'POST /api/events/:slug/bingo/draw/commit': {
    who: ADMIN,
    call: (w) => ({ method: 'POST', url: `/api/events/${w.bingo.event}/bingo/draw/commit` }),
    onlyNotRefused: true,
  },
  'POST /api/events/:slug/bingo/draw/reveal': {
    who: ADMIN,
    call: (w) => ({ method: 'POST', url: `/api/events/${w.bingo.event}/bingo/draw/reveal` }),
    onlyNotRefused: true,
  },
  'POST /api/events/:slug/bingo/draw/skip': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.bingo.event}/bingo/draw/skip`,
      payload: { personId: w.person.id, reason: 'Not in the room' },
    }),
    onlyNotRefused: true,
  },
};

/**
 * The same writes at the data level. Each call passes the route's own check —
 * the caller manages the organisation or the delegation in the address — but
 * reaches for something that is not theirs: a person of another organisation,
 * someone travelling with another delegation, an admin's person or login, a
 * record of another delegation, a request put to someone else. Each must be
 * refused (403) or not found (404), change nothing, and tell nothing of the
 * person's badge or private e-mail.
 */
interface Attempt {
  who: Who;
  call: (world: World) => Call;
  status: 403 | 404;
}

const DATA_LEVEL: Record<string, Attempt> = {
  "X's manager announces to the event's attendees (staff's only)": {
    who: 'managerOfX',
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/announcements`,
      payload: {
        title: { en: 'Party', es: 'Fiesta' },
        body: { en: 'Come.', es: 'Ven.' },
        audience: { kind: 'delegation', value: w.trip.delegation.id },
      },
    }),
    status: 403,
  },
  "a delegate attending another event marks P's announcement read": {
    who: 'attendeeElsewhere',
    call: (w) => ({ method: 'POST', url: `/api/me/inbox/${w.trip.announcement}/read` }),
    status: 403,
  },
  'P, an attendee, pins a question in a session P does not moderate': {
    who: 'self',
    call: (w) => ({
      method: 'PATCH',
      url: `/api/questions/${w.room.question.id}`,
      payload: { version: w.room.question.version, pinned: true },
    }),
    status: 403,
  },
  'P closes a poll in a session P does not moderate': {
    who: 'self',
    call: (w) => ({
      method: 'PATCH',
      url: `/api/polls/${w.room.poll.id}`,
      payload: { version: w.room.poll.version, status: 'closed' },
    }),
    status: 403,
  },
  'P rates the delegates-only session P was not at': {
    who: 'self',
    call: (w) => ({ method: 'PUT', url: `/api/sessions/${w.trip.delegatesSession}/feedback`, payload: { rating: 1 } }),
    status: 403,
  },
  'A delegate attending another event votes in this event’s poll': {
    who: 'attendeeElsewhere',
    call: (w) => ({ method: 'POST', url: `/api/polls/${w.room.poll.id}/votes`, payload: { options: [w.room.option] } }),
    status: 403,
  },
  'P answers a meeting between two other people': {
    who: 'self',
    call: (w) => ({
      method: 'PATCH',
      url: `/api/meetings/${w.meetings.others.id}`,
      payload: { version: w.meetings.others.version, action: 'cancel' },
    }),
    status: 403,
  },
  'A delegate attending another event asks P for a meeting at this one': {
    who: 'attendeeElsewhere',
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/meetings`,
      payload: { with: w.person.id, slots: [w.meetings.slot] },
    }),
    status: 403,
  },
  "Y's manager sets the photo of X's person P": {
    who: 'managerOfY',
    call: (w) => photoUpload(w.person.id),
    status: 403,
  },
  "X's manager sets the photo of an admin's person of X": {
    who: 'managerOfX',
    call: (w) => photoUpload(w.adminsPerson.id),
    status: 403,
  },
  "Y's manager invites X's person P to sign in": {
    who: 'managerOfY',
    call: (w) => ({ method: 'POST', url: `/api/people/${w.person.id}/invitation` }),
    status: 403,
  },
  "X's manager gives an admin's person of X a fresh invitation": {
    who: 'managerOfX',
    call: (w) => ({ method: 'POST', url: `/api/people/${w.adminsPerson.id}/invitation` }),
    status: 403,
  },
  "Y's manager withdraws X's person P's invitation": {
    who: 'managerOfY',
    call: (w) => ({ method: 'DELETE', url: `/api/people/${w.person.id}/invitation` }),
    status: 403,
  },
  "X's manager imports X's own people to the event (the attendee list is staff's only)": {
    who: 'managerOfX',
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/attendees/import?dryRun=false`,
      payload: { rows: [{ name: 'A Recruit', organization: 'x', delegation: 'x' }] },
    }),
    status: 403,
  },
  "X's manager makes P, X's own person, X's partner contact": {
    who: 'managerOfX',
    call: (w) => ({
      method: 'PUT',
      url: `/api/people/${w.person.id}/roles`,
      payload: { role: 'partner', organization: 'x' },
    }),
    status: 403,
  },
  "Y's manager affiliates X's person P to Y": {
    who: 'managerOfY',
    call: (w) => ({ method: 'POST', url: `/api/people/${w.person.id}/affiliations`, payload: { organization: 'y' } }),
    status: 403,
  },
  "Y's manager affiliates an admin's person to Y": {
    who: 'managerOfY',
    call: (w) => ({
      method: 'POST',
      url: `/api/people/${w.adminsPerson.id}/affiliations`,
      payload: { organization: 'y' },
    }),
    status: 403,
  },
  "X's manager opens an admin's person of X for editing": {
    who: 'managerOfX',
    call: (w) => ({ method: 'GET', url: `/api/people/${w.adminsPerson.id}/editable` }),
    status: 403,
  },
  "X's manager makes the e-mail of an admin's person of X public": {
    who: 'managerOfX',
    call: (w) => ({
      method: 'PATCH',
      url: `/api/people/${w.adminsPerson.id}`,
      payload: { version: 1, name: 'Renamed', contact: { email: { visibility: 'public' } } },
    }),
    status: 403,
  },
  "Y's manager adds P, who travels with X's delegation, to Y's": {
    who: 'managerOfY',
    call: (w) => ({
      method: 'POST',
      url: `/api/delegations/${w.yDelegation.id}/members`,
      payload: { personId: w.person.id },
    }),
    status: 403,
  },
  "Y's manager adds P to Y's delegation by P's e-mail address": {
    who: 'managerOfY',
    call: (w) => ({
      method: 'POST',
      url: `/api/delegations/${w.yDelegation.id}/members`,
      payload: { name: 'Anyone', email: w.personEmail.toUpperCase() },
    }),
    status: 403,
  },
  "Y's manager adds an admin's person to Y's delegation": {
    who: 'managerOfY',
    call: (w) => ({
      method: 'POST',
      url: `/api/delegations/${w.yDelegation.id}/members`,
      payload: { personId: w.adminsPerson.id },
    }),
    status: 403,
  },
  "Y's manager invites an admin's login, which has no person, into Y's delegation": {
    who: 'managerOfY',
    call: (w) => ({
      method: 'POST',
      url: `/api/delegations/${w.yDelegation.id}/members`,
      payload: { name: 'Anyone', email: 'admin@x.example' },
    }),
    status: 403,
  },
  "Y's manager names P leader of Y's delegation": {
    who: 'managerOfY',
    call: (w) => ({
      method: 'PATCH',
      url: `/api/delegations/${w.yDelegation.id}`,
      payload: { version: w.yDelegation.version, leaderPersonId: w.person.id },
    }),
    status: 403,
  },
  "Y's manager starts a delegation of Y led by an admin's person": {
    who: 'managerOfY',
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.bingo.event}/delegations`,
      payload: { organization: 'y', leaderPersonId: w.adminsPerson.id },
    }),
    status: 403,
  },
  "Y's manager changes P's travel dates through Y's delegation": {
    who: 'managerOfY',
    call: (w) => ({
      method: 'PATCH',
      url: `/api/delegations/${w.yDelegation.id}/members/${w.person.id}`,
      payload: { arrivesOn: '2025-05-06' },
    }),
    status: 404,
  },
  "Y's manager removes P through Y's delegation": {
    who: 'managerOfY',
    call: (w) => ({ method: 'DELETE', url: `/api/delegations/${w.yDelegation.id}/members/${w.person.id}` }),
    status: 404,
  },
  "Y's manager removes X's funding through Y's delegation": {
    who: 'managerOfY',
    call: (w) => ({ method: 'DELETE', url: `/api/delegations/${w.yDelegation.id}/funding/${w.trip.funding}` }),
    status: 404,
  },
  "Y's manager accepts, for P, the request to join Y": {
    who: 'managerOfY',
    call: (w) => ({ method: 'POST', url: `/api/affiliation-requests/${w.request}/accept` }),
    status: 403,
  },
  "X's manager declines, for P, the request to join Y": {
    who: 'managerOfX',
    call: (w) => ({ method: 'POST', url: `/api/affiliation-requests/${w.request}/decline` }),
    status: 403,
  },
};

describe.each(databaseKinds())('who may call which route, on %s', (kind) => {
  let app: App;
  let runtime: Runtime;
  let drop: () => Promise<void>;
  const cookies: Partial<Record<Who, string>> = {};
  let worlds = 0;
  let y: { id: string };

  const db = () => runtime.ctx.db;
  const one = async <T>(query: SQL) => (await rows<T>(db(), query))[0] as T;

  /** A fresh X with its person P (the X-bound accounts are pointed at them), and fresh programme and group rows. */
  async function freshWorld(): Promise<World> {
    const n = ++worlds;
    const organization = await one<{ id: string; slug: string; version: number }>(
      sql`insert into organizations (slug, kind, name) values (${`x-${n}`}, 'association', ${`Association X${n}`})
          returning id, slug, version`,
    );
    const personEmail = `p${n}@x.example`;
    const person = await one<{ id: string; version: number }>(
      sql`insert into people (name, email) values (${`Person P${n}`}, ${personEmail}) returning id, version`,
    );
    await db().execute(
      sql`insert into affiliations (person_id, organization_id) values (${person.id}, ${organization.id})`,
    );
    const stranger = await one<{ id: string }>(sql`insert into people (name) values (${`Stranger ${n}`}) returning id`);
    const recruit = await one<{ id: string }>(sql`insert into people (name) values (${`Recruit ${n}`}) returning id`);
    const adminsEmail = `officer${n}@x.example`;
    const adminsPerson = await one<{ id: string }>(
      sql`insert into people (name, email) values (${`Officer ${n}`}, ${adminsEmail}) returning id`,
    );
    for (const member of [recruit, adminsPerson]) {
      await db().execute(
        sql`insert into affiliations (person_id, organization_id) values (${member.id}, ${organization.id})`,
      );
    }
    await db().execute(
      sql`insert into users (email, role, person_id) values (${adminsEmail}, 'admin', ${adminsPerson.id})`,
    );
    const request = await one<{ id: string }>(
      sql`insert into affiliation_requests (person_id, organization_id, created_at)
          values (${person.id}, ${y.id}, now()) returning id`,
    );
    await db().execute(
      sql`update users set organization_id = ${organization.id} where email in ('manager@x.example', 'partner@x.example')`,
    );
    await db().execute(sql`update users set person_id = ${person.id} where email = 'self@x.example'`);
    const event = await one<{ id: string; slug: string; version: number }>(
      sql`insert into events (slug, name_en, city, time_zone, starts_on, ends_on)
          values (${`event-${n}`}, 'Event', 'Quito', 'America/Guayaquil', '2025-05-07', '2025-05-09')
          returning id, slug, version`,
    );
    const session = await one<{ id: string; version: number }>(
      sql`insert into sessions (event_id, kind, title_en, starts_at, ends_at)
          values (${event.id}, 'panel', 'Panel', '2025-05-08T15:00:00Z', '2025-05-08T16:00:00Z') returning id, version`,
    );
    const venue = await one<{ slug: string; version: string }>(
      sql`insert into venues (slug, name) values (${`venue-${n}`}, 'Venue') returning slug, xmin::text as version`,
    );
    const group = await one<{ id: string; slug: string; version: number }>(
      sql`insert into working_groups (slug, name_en) values (${`group-${n}`}, 'Group') returning id, slug, version`,
    );
    await db().execute(sql`insert into working_group_meetings values (${group.id}, ${session.id})`);
    await db().execute(sql`insert into working_group_organizations values (${group.id}, ${organization.id})`);
    const agendaItem = await one<{ id: string }>(
      sql`insert into meeting_agenda_items (session_id, title_en) values (${session.id}, 'Item') returning id`,
    );
    const decision = await one<{ id: string }>(
      sql`insert into meeting_decisions (session_id, text_en) values (${session.id}, 'Decided') returning id`,
    );
    const actionItem = await one<{ id: string; version: number }>(
      sql`insert into action_items (working_group_id, session_id, text_en) values (${group.id}, ${session.id}, 'To do')
          returning id, version`,
    );
    const programme = await one<{ id: string; slug: string; version: number }>(
      sql`insert into building_programmes (slug, country_code, working_name) values (${`programme-${n}`}, 'MX', 'Programme')
          returning id, slug, version`,
    );
    const promoter = await one<{ id: string }>(
      sql`insert into building_promoters (programme_id, person_id) values (${programme.id}, ${person.id}) returning id`,
    );
    const milestone = await one<{ id: string; version: number }>(
      sql`insert into building_milestones (programme_id, title_en) values (${programme.id}, 'Step') returning id, version`,
    );
    const article = await one<{ slug: string; version: number }>(
      sql`insert into articles (slug, category_slug, title_en, body_en)
          values (${`article-${n}`}, 'news-category', 'Article', '<p>Text.</p>') returning slug, version`,
    );
    const bingoEvent = await one<{ id: string; slug: string }>(
      sql`insert into events (slug, name_en, city, time_zone, starts_on, ends_on)
          values (${`bingo-event-${n}`}, 'Event', 'Quito', 'America/Guayaquil', '2025-05-07', '2025-05-09')
          returning id, slug`,
    );
    const bingoGame = await one<{ id: string; version: number }>(
      sql`insert into bingo_games (event_id, title_en, starts_at, ends_at)
          values (${bingoEvent.id}, 'Bingo', '2025-05-08T15:00:00Z', '2025-05-08T18:00:00Z') returning id, version`,
    );
    const prize = await one<{ id: string }>(
      sql`insert into bingo_prizes (game_id, description_en) values (${bingoGame.id}, 'A prize') returning id`,
    );
    const delegation = await one<{ id: string; version: number }>(
      sql`insert into delegations (event_id, organization_id) values (${event.id}, ${organization.id}) returning id, version`,
    );
    await db().execute(
      sql`insert into delegation_members (delegation_id, person_id) values (${delegation.id}, ${person.id})`,
    );
    await db().execute(
      sql`insert into attendances (event_id, person_id, delegation_id, badge_code, rotating_secret)
          values (${event.id}, ${person.id}, ${delegation.id}, ${`P${String(n).padStart(5, '0')}`}, 'secret')`,
    );
    await db().execute(
      sql`insert into session_assignments (session_id, delegation_id) values (${session.id}, ${delegation.id})`,
    );
    // The stranger attends too, and met P there.
    await db().execute(
      sql`insert into attendances (event_id, person_id, badge_code, rotating_secret)
          values (${event.id}, ${stranger.id}, 'STRNGR', 'secret')`,
    );
    await db().execute(
      sql`insert into connections (event_id, person_low, person_high, scanner_person_id, method, scanned_at, received_at)
          values (${event.id}, least(${person.id}::uuid, ${stranger.id}::uuid), greatest(${person.id}::uuid, ${stranger.id}::uuid),
                  ${person.id}, 'short_code', now(), now())`,
    );
    const yDelegation = await one<{ id: string; version: number }>(
      sql`insert into delegations (event_id, organization_id) values (${event.id}, ${y.id}) returning id, version`,
    );
    const funding = await one<{ id: string }>(
      sql`insert into delegation_funding (delegation_id, funder_organization_id) values (${delegation.id}, ${organization.id}) returning id`,
    );
    const delegatesSession = await one<{ id: string }>(
      sql`insert into sessions (event_id, kind, title_en, starts_at, ends_at, visibility, capacity)
          values (${event.id}, 'meeting', 'Delegates only', '2025-05-08T17:00:00Z', '2025-05-08T18:00:00Z', 'delegates', 5)
          returning id`,
    );
    const notification = await one<{ id: string }>(
      sql`insert into notifications (person_id, kind, created_at) values (${person.id}, 'rsvp_promoted', now()) returning id`,
    );
    const announcement = await one<{ id: string }>(
      sql`insert into announcements (event_id, title_en, title_es, body_en, body_es, audience_kind, send_at, sent_at,
                                     recipients, created_at)
          values (${event.id}, 'Reception', 'Recepción', 'Tonight.', 'Esta noche.', 'all', now(), now(), 1, now())
          returning id`,
    );
    await db().execute(
      sql`insert into announcement_recipients (announcement_id, person_id) values (${announcement.id}, ${person.id})`,
    );
    const question = await one<{ id: string; version: number }>(
      sql`insert into questions (session_id, author_person_id, text, status, asked_at)
          values (${session.id}, ${stranger.id}, 'Asked by the stranger', 'approved', now()) returning id, version`,
    );
    const poll = await one<{ id: string; version: number }>(
      sql`insert into polls (session_id, kind, question_en, created_at) values (${session.id}, 'single', 'Which?', now())
          returning id, version`,
    );
    const option = await one<{ id: string }>(
      sql`insert into poll_options (poll_id, position, label_en) values (${poll.id}, 0, 'This one') returning id`,
    );
    const space = await one<{ id: string }>(
      sql`insert into meeting_spaces (event_id, name, tables, slot_minutes) values (${event.id}, 'Terrace', 2, 20)
          returning id`,
    );
    const slot = await one<{ id: string }>(
      sql`insert into meeting_slots (space_id, event_id, starts_at, ends_at)
          values (${space.id}, ${event.id}, '2030-05-08T16:00:00Z', '2030-05-08T16:20:00Z') returning id`,
    );
    const counterpart = await one<{ id: string }>(
      sql`insert into people (name) values (${`Counterpart ${n}`}) returning id`,
    );
    await db().execute(
      sql`insert into attendances (event_id, person_id, badge_code, rotating_secret)
          values (${event.id}, ${counterpart.id}, ${`C${String(n).padStart(5, '0')}`}, 'secret')`,
    );
    const meetingRequest = (from: string, to: string) =>
      one<{ id: string; version: number }>(
        sql`insert into meetings (event_id, requester_id, invitee_id, status, awaiting_id, offered, created_at, updated_at)
            values (${event.id}, ${from}, ${to}, 'pending', ${to}, ${JSON.stringify([slot.id])}::jsonb, now(), now())
            returning id, version`,
      );
    const meetings = {
      slot: slot.id,
      counterpart: counterpart.id,
      toP: await meetingRequest(stranger.id, person.id),
      others: await meetingRequest(stranger.id, counterpart.id),
    };
    return {
      n,
      room: { question, poll, option: option.id },
      trip: {
        delegation,
        funding: funding.id,
        delegatesSession: delegatesSession.id,
        notification: notification.id,
        announcement: announcement.id,
      },
      meetings,
      bingo: { event: bingoEvent.slug, version: bingoGame.version, prizeId: prize.id },
      organization,
      person,
      personEmail,
      stranger,
      recruit,
      adminsPerson: { id: adminsPerson.id, email: adminsEmail },
      yDelegation,
      request: request.id,
      event,
      session,
      venue: { slug: venue.slug, version: Number(venue.version) },
      group,
      meeting: { agendaItem: agendaItem.id, decision: decision.id, actionItem },
      programme: { slug: programme.slug, version: programme.version, promoter: promoter.id, milestone },
      article,
    };
  }

  beforeAll(async () => {
    registered.routes = [];
    const fresh = await freshDatabase(kind, 'schema');
    drop = fresh.drop;
    runtime = await startRuntime(fresh.database, { loadDemo: false });
    // The built web app's files are public by nature and differ per build: left out of the matrix.
    app = await buildApp(runtime.ctx, { serveWeb: false, onRoute: (route) => registered.routes.push(route) });
    await app.ready();

    await db().execute(
      sql`insert into article_categories (slug, name_en, name_es) values ('news-category', 'News', 'Noticias')`,
    );
    y = await one<{ id: string }>(
      sql`insert into organizations (slug, kind, name) values ('y', 'association', 'Association Y') returning id`,
    );
    // X and P are made afresh for each call (freshWorld points these accounts at them).
    const accounts: [Exclude<Who, 'anonymous'>, string, AccountRole][] = [
      ['delegate', 'delegate@x.example', 'delegate'],
      ['self', 'self@x.example', 'delegate'],
      ['partnerOfX', 'partner@x.example', 'partner'],
      ['managerOfX', 'manager@x.example', 'manager'],
      ['managerOfY', 'manager@y.example', 'manager'],
      ['editor', 'editor@x.example', 'editor'],
      ['attendeeElsewhere', 'elsewhere@x.example', 'delegate'],
      ['admin', 'admin@x.example', 'admin'],
    ];
    for (const [who, email, role] of accounts) {
      const organizationId = who === 'managerOfY' ? y.id : null;
      cookies[who] = await signedInAs(runtime.ctx, { email, role, organizationId });
    }
    // A delegate with a person and a badge at another event than the world's.
    const elsewhere = await one<{ id: string }>(
      sql`insert into events (slug, name_en, city, time_zone, starts_on, ends_on)
          values ('elsewhere', 'Elsewhere', 'Lima', 'America/Lima', '2025-05-07', '2025-05-09') returning id`,
    );
    const traveller = await one<{ id: string }>(
      sql`insert into people (name) values ('Traveller Elsewhere') returning id`,
    );
    await db().execute(
      sql`insert into attendances (event_id, person_id, badge_code, rotating_secret)
          values (${elsewhere.id}, ${traveller.id}, 'ELSWHR', 'secret')`,
    );
    await db().execute(sql`update users set person_id = ${traveller.id} where email = 'elsewhere@x.example'`);
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close().catch(() => {});
    await drop?.().catch(() => {});
  });

  const routeKeys = () => [
    ...new Set(
      registered.routes
        // HEAD answers as GET does; Fastify adds it to every GET route.
        .filter((route) => route.method !== 'HEAD')
        .map((route) => `${route.method} ${route.url}`),
    ),
  ];

  it('has every registered route in the policy table, and nothing the app does not have', () => {
    const routes = routeKeys();
    expect(routes.length).toBeGreaterThan(40);
    const unclassified = routes.filter((route) => !(route in POLICY));
    expect(unclassified, 'routes nobody has decided who may call: add them to POLICY').toEqual([]);
    const gone = Object.keys(POLICY).filter((route) => !routes.includes(route));
    expect(gone, 'POLICY entries for routes that no longer exist').toEqual([]);
  });

  it('never refuses the public on a public route', async () => {
    for (const route of routeKeys().filter((key) => POLICY[key]?.who === 'public')) {
      const [method, url] = route.split(' ') as [Call['method'], string];
      const response = await app.inject({
        method,
        url: url
          .replace(/:slug|:organization/g, 'no-such-thing')
          .replace(/:id/g, '00000000-0000-4000-8000-000000000000'),
      });
      expect([401, 403], route).not.toContain(response.statusCode);
    }
  });

  /** What the data-level attempts must leave as it was: P's and the admin's person's standing, Y's delegation, the request. */
  async function factsOf(w: World) {
    return one<Record<string, unknown>>(
      sql`select
            (select array_agg(a.organization_id::text order by a.organization_id) from affiliations a
              where a.person_id = ${w.person.id}) as p_organizations,
            (select array_agg(a.organization_id::text order by a.organization_id) from affiliations a
              where a.person_id = ${w.adminsPerson.id}) as admins_person_organizations,
            (select row(name, email_visibility, version)::text from people where id = ${w.adminsPerson.id}) as admins_person,
            (select array_agg(delegation_id::text order by delegation_id) from attendances
              where person_id in (${w.person.id}, ${w.adminsPerson.id})) as attendances,
            (select array_agg(person_id::text order by person_id) from delegation_members
              where delegation_id = ${w.yDelegation.id}) as y_members,
            (select row(leader_person_id, version)::text from delegations where id = ${w.yDelegation.id}) as y_delegation,
            (select count(*)::int from delegations where organization_id = ${y.id}) as y_delegations,
            (select count(*)::int from delegation_funding where delegation_id = ${w.trip.delegation.id}) as x_funding,
            (select status::text from affiliation_requests where id = ${w.request}) as request,
            (select count(*)::int from users where email = 'admin@x.example' and person_id is null) as loose_admin_login,
            (select count(*)::int from sign_in_links l join users u on u.id = l.user_id
              where u.person_id in (${w.person.id}, ${w.adminsPerson.id}) and l.revoked_at is null) as invitations,
            (select count(*)::int from outbox) as mail`,
    );
  }

  // Before the route table, whose last route deletes the callers' accounts.
  it.each(Object.entries(DATA_LEVEL))('at the data level: %s', async (_name, attempt) => {
    const world = await freshWorld();
    const before = await factsOf(world);
    const response = await app.inject({
      ...attempt.call(world),
      cookies: { encuentro_session: cookies[attempt.who] as string },
    });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(attempt.status);
    for (const secret of [`P${String(world.n).padStart(5, '0')}`, world.personEmail, world.adminsPerson.email]) {
      expect(response.body.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(await factsOf(world)).toEqual(before);
  });

  const restricted = Object.entries(POLICY)
    .filter((entry): entry is [string, Exclude<Rule, { who: 'public' }>] => entry[1].who !== 'public')
    .sort(([, a], [, b]) => Number(a.last ?? false) - Number(b.last ?? false));

  it.each(restricted)('%s', async (route, rule) => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    // Those the policy refuses share one world (a refusal changes nothing); each allowed caller gets its own.
    let refusedWorld: World | undefined;
    for (const who of Object.keys(VIEWERS) as Who[]) {
      if (!rule.who.includes(who)) refusedWorld ??= await freshWorld();
      const world = rule.who.includes(who) ? await freshWorld() : (refusedWorld as World);
      const request = rule.call(world);
      const response = await app.inject({
        ...request,
        cookies: who === 'anonymous' ? {} : { encuentro_session: cookies[who] as string },
      });
      const status = response.statusCode;
      const allowed = rule.who.includes(who);
      const refusal = who === 'anonymous' ? 401 : 403;
      const ok = allowed ? (rule.onlyNotRefused ? status !== 401 && status !== 403 : status < 300) : status === refusal;
      outcomes.push(`${VIEWERS[who]}: ${ok ? 'as the policy says' : `${status} ${response.body.slice(0, 160)}`}`);
      expected.push(`${VIEWERS[who]}: as the policy says`);
    }
    expect(outcomes, `${route} — allowed: ${rule.who.join(', ')}`).toEqual(expected);
  });
});

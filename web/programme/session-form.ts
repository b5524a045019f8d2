import type { OrganizationRef, PersonRef } from '../../shared/api/directory.ts';
import type { NewSession, SessionChanges } from '../../shared/api/editing.ts';
import type { EventDetail, Session } from '../../shared/api/programme.ts';
import type { SpeakerPart } from '../../shared/domain.ts';
import { localDate, zonedTimeToInstant } from '../../shared/time.ts';

export type Credit = 'hosts' | 'presenters' | 'partners';
export const CREDITS: readonly Credit[] = ['hosts', 'presenters', 'partners'];

export interface SessionForm {
  kind: Session['kind'];
  titleEn: string;
  titleEs: string;
  descriptionEn: string;
  descriptionEs: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  venue: string;
  stage: string;
  capacity: string;
  visibility: Session['visibility'];
  status: Session['status'];
  topics: string;
  speakers: { person: PersonRef; part: SpeakerPart }[];
  hosts: OrganizationRef[];
  presenters: OrganizationRef[];
  partners: OrganizationRef[];
}

/** The wall-clock time (HH:MM) of an instant in a zone. */
function localTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

export const formOf = (session: Session, timeZone: string): SessionForm => ({
  kind: session.kind,
  titleEn: session.title.en ?? '',
  titleEs: session.title.es ?? '',
  descriptionEn: session.description.en ?? '',
  descriptionEs: session.description.es ?? '',
  startDate: localDate(session.startsAt, timeZone),
  startTime: localTime(session.startsAt, timeZone),
  endDate: localDate(session.endsAt, timeZone),
  endTime: localTime(session.endsAt, timeZone),
  venue: session.venue?.slug ?? '',
  stage: session.stage ?? '',
  capacity: session.capacity === null ? '' : String(session.capacity),
  visibility: session.visibility,
  status: session.status,
  topics: session.topics.map((topic) => topic.slug).join(', '),
  speakers: session.speakers.map(({ person, part }) => ({ person, part })),
  hosts: session.hosts,
  presenters: session.presenters,
  partners: session.partners,
});

export const blankForm = (event: EventDetail): SessionForm => ({
  kind: 'panel',
  titleEn: '',
  titleEs: '',
  descriptionEn: '',
  descriptionEs: '',
  startDate: event.startsOn,
  startTime: '10:00',
  endDate: event.startsOn,
  endTime: '11:00',
  venue: '',
  stage: '',
  capacity: '',
  visibility: 'public',
  status: 'scheduled',
  topics: '',
  speakers: [],
  hosts: [],
  presenters: [],
  partners: [],
});

const FIELD_OF_API: Record<string, keyof SessionForm> = {
  kind: 'kind',
  title: 'titleEn',
  'title.en': 'titleEn',
  'title.es': 'titleEs',
  description: 'descriptionEn',
  'description.en': 'descriptionEn',
  'description.es': 'descriptionEs',
  startsAt: 'startTime',
  endsAt: 'endTime',
  venue: 'venue',
  stage: 'stage',
  capacity: 'capacity',
  visibility: 'visibility',
  status: 'status',
  topics: 'topics',
  speakers: 'speakers',
  hosts: 'hosts',
  presenters: 'presenters',
  partners: 'partners',
};
export const fieldOf = (apiField: string) => FIELD_OF_API[apiField] ?? FIELD_OF_API[apiField.split(/[./]/)[0] ?? ''];

const orNull = (text: string) => text.trim() || null;
const topicsOf = (text: string) =>
  text
    .split(',')
    .map((topic) => topic.trim())
    .filter(Boolean);
/** An unreadable number goes to the server as is, for it to say what is wrong. */
function capacityOf(text: string): number | null {
  const given = text.trim();
  if (!given) return null;
  const number = Number(given);
  return Number.isNaN(number) ? (given as unknown as number) : number;
}

/** Everything the form holds, as POST /api/events/:slug/sessions takes it. */
export function bodyOf(form: SessionForm, timeZone: string): NewSession {
  return {
    kind: form.kind,
    title: { en: form.titleEn.trim(), es: orNull(form.titleEs) },
    description: { en: orNull(form.descriptionEn), es: orNull(form.descriptionEs) },
    startsAt: zonedTimeToInstant(form.startDate, form.startTime, timeZone).toISOString(),
    endsAt: zonedTimeToInstant(form.endDate, form.endTime, timeZone).toISOString(),
    venue: orNull(form.venue),
    stage: form.venue ? orNull(form.stage) : null,
    capacity: capacityOf(form.capacity),
    visibility: form.visibility,
    status: form.status,
    topics: topicsOf(form.topics),
    speakers: form.speakers.map(({ person, part }) => ({ person: person.id, part })),
    hosts: form.hosts.map((organization) => organization.slug),
    presenters: form.presenters.map((organization) => organization.slug),
    partners: form.partners.map((organization) => organization.slug),
  } as NewSession;
}

/** Only what changed goes to the server, with the version the form was filled from. */
export function changesOf(before: NewSession, after: NewSession, version: number): SessionChanges | null {
  const changes: Record<string, unknown> = { version };
  for (const key of Object.keys(after) as (keyof NewSession)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) changes[key] = after[key];
  }
  return Object.keys(changes).length > 1 ? (changes as SessionChanges) : null;
}

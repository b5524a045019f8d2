import { sql } from 'drizzle-orm';
import type { EditableArticle } from '../../shared/api/news.ts';
import type { Language, SessionKind, SessionOrganizationRole, SpeakerPart } from '../../shared/domain.ts';
import { translate } from '../../shared/i18n/index.ts';
import { localDate } from '../../shared/time.ts';
import { requireNewsWriter } from '../accounts/policy.ts';
import type { AppContext } from '../context.ts';
import { type Queryable, rows } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { createArticle } from './editing.ts';

/*
 * A trip report drafted from an event's programme: a title and an
 * introduction, then one section per day with sessions ("Day 1: Wednesday,
 * 28 February 2024"), each session with its kind, time, venue and stage,
 * speakers (their part and organisation), hosts and presenters — in English
 * and in Spanish. Only public, not cancelled sessions are told. The draft
 * links the event and everyone named, so related news finds it. Editors then
 * write the story around this skeleton and publish it like any article.
 *
 * The programme's tables are read by name, as SQL: news does not import the
 * programme capability.
 */

interface EventRow {
  id: string;
  slug: string;
  name_en: string;
  name_es: string | null;
  city: string;
  time_zone: string;
  starts_on: string;
  ends_on: string;
}

interface SessionRow {
  id: string;
  kind: SessionKind;
  title_en: string;
  title_es: string | null;
  starts_at: Date | string;
  ends_at: Date | string;
  time_is_illustrative: boolean;
  venue_name: string | null;
  stage_name: string | null;
}

interface SpeakerRow {
  session_id: string;
  person_id: string;
  name: string;
  part: SpeakerPart;
  organization_slug: string | null;
  organization_name: string | null;
}

interface CreditRow {
  session_id: string;
  role: SessionOrganizationRole;
  slug: string;
  name: string;
}

async function eventOf(db: Queryable, slug: string): Promise<EventRow> {
  const [row] = await rows<EventRow>(
    db,
    sql`select id, slug, name_en, name_es, city, time_zone, starts_on::text as starts_on, ends_on::text as ends_on
        from events where slug = ${slug}`,
  );
  if (!row) throw notFound('error.not_found.event', { slug });
  return row;
}

function sessionsOf(db: Queryable, eventId: string): Promise<SessionRow[]> {
  return rows<SessionRow>(
    db,
    sql`select s.id, s.kind, s.title_en, s.title_es, s.starts_at, s.ends_at, s.time_is_illustrative,
               v.name as venue_name, st.name as stage_name
        from sessions s
        left join venues v on v.id = s.venue_id
        left join stages st on st.id = s.stage_id
        where s.event_id = ${eventId} and s.visibility = 'public' and s.status <> 'cancelled'
        order by s.starts_at, s.title_en`,
  );
}

/** Speakers in their order, each with the first organisation they belong to. */
function speakersOf(db: Queryable, eventId: string): Promise<SpeakerRow[]> {
  return rows<SpeakerRow>(
    db,
    sql`select sp.session_id, p.id as person_id, p.name, sp.part, o.slug as organization_slug, o.name as organization_name
        from session_speakers sp
        join sessions s on s.id = sp.session_id
        join people p on p.id = sp.person_id
        left join lateral (
          select org.slug, coalesce(org.acronym, org.name) as name
          from affiliations a join organizations org on org.id = a.organization_id
          where a.person_id = p.id order by a.position, org.name limit 1
        ) o on true
        where s.event_id = ${eventId}
        order by sp.position, p.name`,
  );
}

function creditsOf(db: Queryable, eventId: string): Promise<CreditRow[]> {
  return rows<CreditRow>(
    db,
    sql`select so.session_id, so.role, o.slug, o.name
        from session_organizations so
        join sessions s on s.id = so.session_id
        join organizations o on o.id = so.organization_id
        where s.event_id = ${eventId}
        order by so.position, o.name`,
  );
}

async function defaultCategory(db: Queryable): Promise<string> {
  // The category of the latest trip report, else the first category there is.
  const [row] = await rows<{ slug: string }>(
    db,
    sql`select slug from (
          (select category_slug as slug, 0 as rank, updated_at from articles where kind = 'trip_report'
           order by updated_at desc limit 1)
          union all
          (select slug, 1 as rank, null as updated_at from article_categories order by name_en, slug limit 1)
        ) c order by rank limit 1`,
  );
  if (!row) throw new AppError('rule_broken', 'news.error.no_category', {}, { field: 'category' });
  return row.slug;
}

const escapeHtml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const linkTo = (path: string, text: string) => `<a href="${escapeHtml(path)}">${escapeHtml(text)}</a>`;

const LOCALES: Record<Language, string> = { en: 'en-GB', es: 'es-ES' };

function dayTitle(date: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

function clock(instant: Date | string, zone: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(
    new Date(instant),
  );
}

/** "A2IM, CIMA and IMICHILE" (or "A2IM, CIMA e IMICHILE"), each name a link to its organisation. */
function linkedList(organizations: { slug: string; name: string }[], language: Language): string {
  const format = new Intl.ListFormat(LOCALES[language], { style: 'long', type: 'conjunction' });
  let next = 0;
  return format
    .formatToParts(organizations.map((organization) => organization.name))
    .map((part) => {
      if (part.type !== 'element') return escapeHtml(part.value);
      const organization = organizations[next++] as { slug: string; name: string };
      return linkTo(`/organizations/${organization.slug}`, organization.name);
    })
    .join('');
}

interface Programme {
  event: EventRow;
  days: { date: string; sessions: SessionRow[] }[];
  speakers: SpeakerRow[];
  credits: CreditRow[];
}

function sessionHtml(programme: Programme, session: SessionRow, language: Language): string {
  const t = (key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) =>
    translate(language, key, values);
  const title = (language === 'es' ? session.title_es : null) ?? session.title_en;
  const where = [session.venue_name, session.stage_name].filter((part): part is string => Boolean(part)).join(', ');
  const when = session.time_is_illustrative
    ? null
    : t('news.trip.time', {
        from: clock(session.starts_at, programme.event.time_zone, language),
        until: clock(session.ends_at, programme.event.time_zone, language),
      });
  const facts = [t(`kind.session.${session.kind}`), when, where || null].filter(Boolean) as string[];
  const lines = [`<h3>${escapeHtml(title)}</h3>`, `<p><em>${escapeHtml(facts.join(' · '))}</em></p>`];

  const speakers = programme.speakers.filter((speaker) => speaker.session_id === session.id);
  if (speakers.length > 0) {
    const items = speakers.map((speaker) => {
      const part = t(`part.${speaker.part}`);
      const details = speaker.organization_slug
        ? `${escapeHtml(part)}, ${linkTo(`/organizations/${speaker.organization_slug}`, speaker.organization_name ?? '')}`
        : escapeHtml(part);
      return `<li>${linkTo(`/people/${speaker.person_id}`, speaker.name)} (${details})</li>`;
    });
    lines.push(`<p>${escapeHtml(t('news.trip.speakers'))}</p>`, `<ul>${items.join('')}</ul>`);
  }
  const credited = (role: SessionOrganizationRole) =>
    linkedList(
      programme.credits.filter((credit) => credit.session_id === session.id && credit.role === role),
      language,
    );
  const credits = [
    ['host', 'news.trip.hostedBy'],
    ['presenter', 'news.trip.presentedBy'],
    ['partner', 'news.trip.supportedBy'],
  ] as const;
  for (const [role, key] of credits) {
    const names = credited(role);
    if (names) lines.push(`<p>${t(key, { organizations: names })}</p>`);
  }
  return lines.join('\n');
}

function reportIn(programme: Programme, language: Language) {
  const { event } = programme;
  const name = (language === 'es' ? event.name_es : null) ?? event.name_en;
  const first = dayTitle(event.starts_on, language);
  const last = dayTitle(event.ends_on, language);
  const title = translate(language, 'news.trip.title', { event: name });
  const summary = translate(language, 'news.trip.summary', {
    event: name,
    city: event.city,
    days: programme.days.length,
    sessions: programme.days.reduce((sum, day) => sum + day.sessions.length, 0),
  });
  const intro = translate(language, 'news.trip.intro', {
    event: linkTo(`/events/${event.slug}`, name),
    city: escapeHtml(event.city),
    first: escapeHtml(first),
    last: escapeHtml(last),
  });
  const sections = programme.days.map((day, index) =>
    [
      `<h2>${escapeHtml(translate(language, 'news.trip.day', { number: index + 1, date: dayTitle(day.date, language) }))}</h2>`,
      ...day.sessions.map((session) => sessionHtml(programme, session, language)),
    ].join('\n'),
  );
  const empty =
    programme.days.length === 0 ? [`<p>${escapeHtml(translate(language, 'news.trip.noSessions'))}</p>`] : [];
  return { title, summary, body: [`<p>${intro}</p>`, ...sections, ...empty].join('\n') };
}

export async function generateTripReport(
  ctx: AppContext,
  viewer: Viewer | null,
  eventSlug: string,
  category: string | undefined,
): Promise<EditableArticle> {
  requireNewsWriter(viewer);
  const event = await eventOf(ctx.db, eventSlug);
  const [sessions, speakers, credits] = await Promise.all([
    sessionsOf(ctx.db, event.id),
    speakersOf(ctx.db, event.id),
    creditsOf(ctx.db, event.id),
  ]);
  const days = new Map<string, SessionRow[]>();
  for (const session of sessions) {
    const date = localDate(new Date(session.starts_at), event.time_zone);
    days.set(date, [...(days.get(date) ?? []), session]);
  }
  const programme: Programme = {
    event,
    days: [...days].map(([date, list]) => ({ date, sessions: list })),
    speakers,
    credits,
  };
  const en = reportIn(programme, 'en');
  const es = reportIn(programme, 'es');
  const told = new Set(sessions.map((session) => session.id));
  const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];
  const toldSpeakers = speakers.filter((speaker) => told.has(speaker.session_id));
  return createArticle(
    ctx,
    viewer,
    {
      category: category ?? (await defaultCategory(ctx.db)),
      title: { en: en.title, es: es.title },
      summary: { en: en.summary, es: es.summary },
      body: { en: en.body, es: es.body },
      tags: ['trip-report', event.slug],
      links: {
        events: [event.slug],
        organizations: unique([
          ...credits.filter((credit) => told.has(credit.session_id)).map((credit) => credit.slug),
          ...toldSpeakers.map((speaker) => speaker.organization_slug),
        ]).slice(0, 100),
        people: unique(toldSpeakers.map((speaker) => speaker.person_id)).slice(0, 100),
      },
    },
    'trip_report',
  );
}

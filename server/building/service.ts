import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { BuildingProgrammeDetail, BuildingProgrammeSummary, Milestone } from '../../shared/api/building.ts';
import type { ServiceContext } from '../context.ts';
import { rows } from '../db/client.ts';
import { localized, presentOrganizationRef } from '../directory/presenter.ts';
import { countryOf, reference } from '../directory/reference.ts';
import { organizations, people } from '../directory/tables.ts';
import { notFound } from '../errors.ts';
import { events, sessions } from '../programme/tables.ts';
import {
  buildingMilestones,
  buildingProgrammeArticles,
  buildingProgrammeSessions,
  buildingProgrammes,
  buildingPromoters,
} from './tables.ts';

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/**
 * Published articles by slug, read by table name: news links to programmes
 * (article_links, type `programme`), so building must not import news.
 */
async function publishedArticles(ctx: ServiceContext, slugs: string[]) {
  if (slugs.length === 0)
    return new Map<string, { titleEn: string | null; titleEs: string | null; publishedAt: Date | null }>();
  const found = await rows<{
    slug: string;
    title_en: string | null;
    title_es: string | null;
    published_at: Date | string | null;
  }>(
    ctx.db,
    sql`select slug, title_en, title_es, published_at from articles
        where slug in (${sql.join(
          slugs.map((slug) => sql`${slug}`),
          sql`, `,
        )})
          and status <> 'draft' and published_at <= ${ctx.clock.now()}`,
  );
  return new Map(
    found.map((a) => [
      a.slug,
      { titleEn: a.title_en, titleEs: a.title_es, publishedAt: a.published_at ? new Date(a.published_at) : null },
    ]),
  );
}

async function programmesWhere(ctx: ServiceContext, slug?: string) {
  const found = await ctx.db
    .select({ programme: buildingProgrammes, organization: organizations })
    .from(buildingProgrammes)
    .leftJoin(organizations, eq(organizations.id, buildingProgrammes.organizationId))
    .where(slug ? eq(buildingProgrammes.slug, slug) : sql`true`)
    .orderBy(asc(buildingProgrammes.countryCode), asc(buildingProgrammes.slug));
  const ids = found.map((row) => row.programme.id);
  const milestones =
    ids.length === 0
      ? []
      : await ctx.db
          .select({
            milestone: buildingMilestones,
            sessionTitleEn: sessions.titleEn,
            sessionTitleEs: sessions.titleEs,
            sessionStartsAt: sessions.startsAt,
            sessionVisibility: sessions.visibility,
            eventSlug: events.slug,
          })
          .from(buildingMilestones)
          .leftJoin(sessions, eq(sessions.id, buildingMilestones.sessionId))
          .leftJoin(events, eq(events.id, sessions.eventId))
          .where(inArray(buildingMilestones.programmeId, ids))
          .orderBy(
            asc(buildingMilestones.position),
            sql`coalesce(${buildingMilestones.doneOn}, ${buildingMilestones.plannedOn}) asc nulls last`,
          );
  const articles = await publishedArticles(ctx, [
    ...new Set(milestones.map((m) => m.milestone.articleSlug).filter((s): s is string => s !== null)),
  ]);
  return { found, milestones, articles };
}
type Loaded = Awaited<ReturnType<typeof programmesWhere>>;

/** Each done milestone says how long it took since the one done before it (by date, whatever their order on the page). */
function presentMilestones(programmeId: string, loaded: Loaded): Milestone[] {
  const own = loaded.milestones.filter((m) => m.milestone.programmeId === programmeId);
  const doneDates = [...new Set(own.map((m) => m.milestone.doneOn).filter((d): d is string => d !== null))].sort();
  return own.map(({ milestone: m, ...session }) => {
    const previous = m.doneOn ? doneDates.filter((d) => d < m.doneOn!).at(-1) : undefined;
    const article = m.articleSlug ? loaded.articles.get(m.articleSlug) : undefined;
    return {
      id: m.id,
      position: m.position,
      title: localized(m.titleEn, m.titleEs),
      plannedOn: m.plannedOn,
      doneOn: m.doneOn,
      daysSincePrevious: m.doneOn && previous ? daysBetween(previous, m.doneOn) : null,
      session:
        m.sessionId && session.sessionStartsAt && session.eventSlug && session.sessionVisibility === 'public'
          ? {
              id: m.sessionId,
              title: localized(session.sessionTitleEn, session.sessionTitleEs),
              startsAt: session.sessionStartsAt.toISOString(),
              eventSlug: session.eventSlug,
            }
          : null,
      article:
        m.articleSlug && article ? { slug: m.articleSlug, title: localized(article.titleEn, article.titleEs) } : null,
      illustrative: m.illustrative,
      version: m.version,
    };
  });
}

async function presentSummaries(ctx: ServiceContext, loaded: Loaded): Promise<BuildingProgrammeSummary[]> {
  const ref = await reference(ctx);
  return loaded.found.map(({ programme: p, organization }) => {
    const milestones = presentMilestones(p.id, loaded);
    const done = milestones
      .map((m) => m.doneOn)
      .filter((d): d is string => d !== null)
      .sort();
    const first = done[0] ?? null;
    const last = done.at(-1) ?? null;
    const country = countryOf(ref, p.countryCode);
    if (!country) throw new Error(`Country ${p.countryCode} missing from the reference data`);
    return {
      slug: p.slug,
      country,
      workingName: p.workingName,
      organization: organization ? presentOrganizationRef(organization) : null,
      status: p.status,
      summary: localized(p.summaryEn, p.summaryEs),
      illustrative: p.illustrative,
      milestones,
      startedOn: first,
      lastDoneOn: last,
      daysSoFar: first && last ? daysBetween(first, last) : null,
      version: p.version,
    };
  });
}

/** GET /api/building-programmes: every country's programme with its milestones and how long each step took. */
export async function listBuildingProgrammes(ctx: ServiceContext): Promise<BuildingProgrammeSummary[]> {
  return presentSummaries(ctx, await programmesWhere(ctx));
}

/** GET /api/building-programmes/:slug: the timeline, promoters, and the public sessions and articles linked. */
export async function getBuildingProgramme(ctx: ServiceContext, slug: string): Promise<BuildingProgrammeDetail> {
  const loaded = await programmesWhere(ctx, slug);
  const [summary] = await presentSummaries(ctx, loaded);
  const programmeId = loaded.found[0]?.programme.id;
  if (!summary || !programmeId) throw notFound('building.error.not_found.programme', { slug });
  const [promoters, linkedSessions, linkedArticles] = await Promise.all([
    ctx.db
      .select({ promoter: buildingPromoters, personName: people.name, organization: organizations })
      .from(buildingPromoters)
      .innerJoin(people, eq(people.id, buildingPromoters.personId))
      .leftJoin(organizations, eq(organizations.id, buildingPromoters.organizationId))
      .where(eq(buildingPromoters.programmeId, programmeId))
      .orderBy(asc(buildingPromoters.position), asc(people.name)),
    ctx.db
      .select({ session: sessions, event: events })
      .from(buildingProgrammeSessions)
      .innerJoin(sessions, eq(sessions.id, buildingProgrammeSessions.sessionId))
      .innerJoin(events, eq(events.id, sessions.eventId))
      .where(sql`${buildingProgrammeSessions.programmeId} = ${programmeId} and ${sessions.visibility} = 'public'`)
      .orderBy(asc(sessions.startsAt)),
    ctx.db
      .select({ slug: buildingProgrammeArticles.articleSlug })
      .from(buildingProgrammeArticles)
      .where(eq(buildingProgrammeArticles.programmeId, programmeId)),
  ]);
  // Articles linked from either side: the programme's own list, and news that names the programme.
  const fromNews = await rows<{ slug: string }>(
    ctx.db,
    sql`select a.slug from article_links l join articles a on a.id = l.article_id
        where l.entity_type = 'programme' and l.entity_key = ${slug}`,
  );
  const slugs = [...new Set([...linkedArticles.map((a) => a.slug), ...fromNews.map((a) => a.slug)])];
  const articles = await publishedArticles(ctx, slugs);
  return {
    ...summary,
    promoters: promoters.map((row) => ({
      id: row.promoter.id,
      person: { id: row.promoter.personId, name: row.personName },
      organization: row.organization ? presentOrganizationRef(row.organization) : null,
      role: localized(row.promoter.roleEn, row.promoter.roleEs),
    })),
    sessions: linkedSessions.map(({ session, event }) => ({
      id: session.id,
      title: localized(session.titleEn, session.titleEs),
      startsAt: session.startsAt.toISOString(),
      event: { slug: event.slug, name: localized(event.nameEn, event.nameEs), timeZone: event.timeZone },
    })),
    articles: [...articles.entries()]
      .map(([articleSlug, a]) => ({
        slug: articleSlug,
        title: localized(a.titleEn, a.titleEs),
        publishedAt: a.publishedAt?.toISOString() ?? null,
      }))
      .sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '')),
  };
}

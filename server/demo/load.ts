import { eq, sql } from 'drizzle-orm';
import { zonedTimeToInstant } from '../../shared/time.ts';
import { type Db, type Queryable, rows } from '../db/client.ts';
import { appMeta } from '../db/meta-tables.ts';
import { insertOrganizations, insertPeople } from '../directory/service.ts';
import { countries, regions, topics } from '../directory/tables.ts';
import {
  workingGroupCountries,
  workingGroupMeetings,
  workingGroupOrganizations,
  workingGroups,
} from '../groups/tables.ts';
import { articleCategories, articleLinks, articles, articleTags } from '../news/tables.ts';
import { events, sessionOrganizations, sessionSpeakers, sessions, stages, venues } from '../programme/tables.ts';
import { insertDemoAnnouncements } from './announcements.ts';
import { insertDemoAttendees } from './attendees.ts';
import { insertAudienceDemo } from './audience.ts';
import { insertBingoDemo } from './bingo.ts';
import { insertBuildingDemo } from './building.ts';
import { insertDemoDelegations } from './delegations.ts';
import { insertMeetingsDemo } from './meetings.ts';
import { demoNetwork } from './network.ts';
import { insertDemoProfiles } from './profiles.ts';
import type { DemoNetwork } from './types.ts';

const DEMO_LOCK_KEY = 7_240_302;
const DEMO_MARK = 'demo_loaded_at';

/**
 * Load the demo network into an empty database, once. The mark is written in
 * the same transaction as the data, under a lock, so a restart or a second
 * instance starting at the same time never loads it twice. A database that
 * already holds organisations of its own is left alone.
 */
export type DemoLoadOutcome = 'loaded' | 'already_loaded' | 'own_data';

export async function loadDemoOnce(db: Db, network: DemoNetwork = demoNetwork): Promise<DemoLoadOutcome> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK_KEY})`);
    const [mark] = await tx.select().from(appMeta).where(eq(appMeta.key, DEMO_MARK));
    if (mark) return 'already_loaded';
    const [{ count } = { count: 0 }] = await rows<{ count: number }>(
      tx,
      sql`select count(*)::int as count from organizations`,
    );
    if (count > 0) return 'own_data';
    await insertNetwork(tx, network);
    await tx.insert(appMeta).values({ key: DEMO_MARK, value: new Date().toISOString() });
    return 'loaded';
  });
}

function required<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo data: unknown ${what} "${key}"`);
  return value;
}

async function insertNetwork(tx: Queryable, network: DemoNetwork): Promise<void> {
  // Regions and countries also come with the reference-data migration: keep what is there.
  await tx
    .insert(regions)
    .values(network.regions.map((r, position) => ({ code: r.code, nameEn: r.name.en, nameEs: r.name.es, position })))
    .onConflictDoNothing();
  await tx
    .insert(countries)
    .values(
      network.countries.map((c) => ({ code: c.code, nameEn: c.name.en, nameEs: c.name.es, regionCode: c.region })),
    )
    .onConflictDoNothing();
  await tx
    .insert(topics)
    .values(network.topics.map((t) => ({ slug: t.slug, nameEn: t.name.en, nameEs: t.name.es })))
    .onConflictDoNothing();

  const organizationIds = await insertOrganizations(
    tx,
    network.organizations.map((o) => ({
      slug: o.slug,
      kind: o.kind,
      status: o.status,
      name: o.name,
      acronym: o.acronym,
      countryCode: o.country,
      website: o.website,
      memberOfSlug: o.memberOf,
      descriptionEn: o.description?.en,
      descriptionEs: o.description?.es,
    })),
  );

  const personIdList = await insertPeople(
    tx,
    network.people.map((p) => ({
      name: p.name,
      countryCode: p.country,
      languages: p.languages,
      topics: p.topics,
      bioEn: p.bio?.en,
      bioEs: p.bio?.es,
      email: p.email,
      emailVisibility: p.emailVisibility,
      website: p.website,
      websiteVisibility: p.websiteVisibility,
      fictional: p.fictional,
      affiliations: p.affiliations.map((a) => ({
        organizationSlug: a.organization,
        roleEn: a.role.en,
        roleEs: a.role.es,
      })),
    })),
  );
  const personIds = new Map(network.people.map((p, index) => [p.key, personIdList[index] as string]));

  const groupIds = new Map<string, string>();
  for (const group of network.workingGroups) {
    const [row] = await tx
      .insert(workingGroups)
      .values({
        slug: group.slug,
        nameEn: group.name.en,
        nameEs: group.name.es,
        descriptionEn: group.description?.en ?? null,
        descriptionEs: group.description?.es ?? null,
        networkId: required(organizationIds, group.network, 'organisation'),
        topics: group.topics,
      })
      .returning({ id: workingGroups.id });
    const groupId = (row as { id: string }).id;
    groupIds.set(group.slug, groupId);
    await tx
      .insert(workingGroupCountries)
      .values(group.countries.map((countryCode) => ({ workingGroupId: groupId, countryCode })));
    await tx.insert(workingGroupOrganizations).values(
      group.organizations.map((slug) => ({
        workingGroupId: groupId,
        organizationId: required(organizationIds, slug, 'organisation'),
      })),
    );
  }

  const venueIds = new Map<string, string>();
  const stageIds = new Map<string, string>();
  for (const venue of network.venues) {
    const [row] = await tx
      .insert(venues)
      .values({
        slug: venue.slug,
        name: venue.name,
        address: venue.address ?? null,
        city: venue.city,
        countryCode: venue.country,
        mapUrl: venue.mapUrl ?? null,
        descriptionEn: venue.description?.en ?? null,
        descriptionEs: venue.description?.es ?? null,
      })
      .returning({ id: venues.id });
    const venueId = (row as { id: string }).id;
    venueIds.set(venue.slug, venueId);
    for (const name of venue.stages ?? []) {
      const [stage] = await tx.insert(stages).values({ venueId, name }).returning({ id: stages.id });
      stageIds.set(`${venue.slug}/${name}`, (stage as { id: string }).id);
    }
  }

  for (const event of network.events) {
    const [row] = await tx
      .insert(events)
      .values({
        slug: event.slug,
        nameEn: event.name.en,
        nameEs: event.name.es,
        hostOrganizationId: required(organizationIds, event.host, 'organisation'),
        city: event.city,
        countryCode: event.country,
        timeZone: event.timeZone,
        startsOn: event.startsOn,
        endsOn: event.endsOn,
        website: event.website ?? null,
        descriptionEn: event.description?.en ?? null,
        descriptionEs: event.description?.es ?? null,
      })
      .returning({ id: events.id });
    const eventId = (row as { id: string }).id;
    for (const s of event.sessions) {
      const [sessionRow] = await tx
        .insert(sessions)
        .values({
          eventId,
          kind: s.kind,
          titleEn: s.title.en,
          titleEs: s.title.es,
          descriptionEn: s.description?.en ?? null,
          descriptionEs: s.description?.es ?? null,
          startsAt: zonedTimeToInstant(s.day, s.start, event.timeZone),
          endsAt: zonedTimeToInstant(s.day, s.end, event.timeZone),
          venueId: s.venue ? required(venueIds, s.venue, 'venue') : null,
          stageId: s.venue && s.stage ? required(stageIds, `${s.venue}/${s.stage}`, 'stage') : null,
          capacity: s.capacity ?? null,
          visibility: s.visibility ?? 'public',
          timeIsIllustrative: s.timeIsIllustrative ?? false,
          topics: s.topics ?? [],
        })
        .returning({ id: sessions.id });
      const sessionId = (sessionRow as { id: string }).id;
      const credits = [
        ...(s.hosts ?? []).map((slug) => ({ slug, role: 'host' as const })),
        ...(s.presenters ?? []).map((slug) => ({ slug, role: 'presenter' as const })),
        ...(s.partners ?? []).map((slug) => ({ slug, role: 'partner' as const })),
      ];
      if (credits.length > 0) {
        await tx.insert(sessionOrganizations).values(
          credits.map((c, position) => ({
            sessionId,
            organizationId: required(organizationIds, c.slug, 'organisation'),
            role: c.role,
            position,
          })),
        );
      }
      if (s.speakers?.length) {
        await tx.insert(sessionSpeakers).values(
          s.speakers.map((sp, position) => ({
            sessionId,
            personId: required(personIds, sp.person, 'person'),
            part: sp.part,
            position,
          })),
        );
      }
      if (s.workingGroup) {
        await tx
          .insert(workingGroupMeetings)
          .values({ workingGroupId: required(groupIds, s.workingGroup, 'working group'), sessionId });
      }
    }
  }

  await insertArticles(tx, network, organizationIds, personIds);
  await insertDemoDelegations(tx, network);
  await insertDemoAttendees(tx);
  await insertBingoDemo(tx);
  await insertBuildingDemo(tx);
  await insertDemoAnnouncements(tx);
  await insertAudienceDemo(tx);
  await insertMeetingsDemo(tx);
  await insertDemoProfiles(tx);
}

/** Last, so that every organisation, person and event an article links to is there to check against. */
async function insertArticles(
  tx: Queryable,
  network: DemoNetwork,
  organizationIds: Map<string, string>,
  personIds: Map<string, string>,
): Promise<void> {
  if (network.articleCategories.length > 0) {
    await tx
      .insert(articleCategories)
      .values(network.articleCategories.map((c) => ({ slug: c.slug, nameEn: c.name.en, nameEs: c.name.es })));
  }
  const eventSlugs = new Set(network.events.map((event) => event.slug));
  for (const article of network.articles) {
    const publishedAt = new Date(article.publishedAt);
    const [row] = await tx
      .insert(articles)
      .values({
        slug: article.slug,
        kind: article.kind,
        status: article.status ?? 'published',
        publishedAt,
        categorySlug: article.category,
        titleEn: article.title.en,
        titleEs: article.title.es,
        summaryEn: article.summary.en,
        summaryEs: article.summary.es,
        bodyEn: article.body.en,
        bodyEs: article.body.es,
        authorId: article.author ? required(personIds, article.author, 'person') : null,
        // Written when it was published, as far as feed readers are concerned.
        createdAt: publishedAt,
        updatedAt: publishedAt,
      })
      .returning({ id: articles.id });
    const articleId = (row as { id: string }).id;
    if (article.tags.length > 0) {
      await tx.insert(articleTags).values(article.tags.map((tag) => ({ articleId, tag })));
    }
    const links = [
      ...(article.links.events ?? []).map((slug) => {
        if (!eventSlugs.has(slug)) throw new Error(`Demo data: unknown event "${slug}"`);
        return { entityType: 'event' as const, entityKey: slug };
      }),
      ...(article.links.organizations ?? []).map((slug) => {
        required(organizationIds, slug, 'organisation');
        return { entityType: 'organization' as const, entityKey: slug };
      }),
      ...(article.links.people ?? []).map((key) => ({
        entityType: 'person' as const,
        entityKey: required(personIds, key, 'person'),
      })),
      ...(article.links.programmes ?? []).map((slug) => ({ entityType: 'programme' as const, entityKey: slug })),
    ];
    if (links.length > 0) {
      await tx.insert(articleLinks).values(links.map((link, position) => ({ articleId, ...link, position })));
    }
  }
}

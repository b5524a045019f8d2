import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import {
  type BadgeQuery,
  type BadgeSheet,
  type BadgesMarked,
  type BadgesPrinted,
  type MyBadge,
  type PrintableBadge,
  ROTATING_CODE_PERIOD_SECONDS,
} from '../../shared/api/networking.ts';
import { requireRole, requireSignedIn } from '../accounts/policy.ts';
import type { ServiceContext } from '../context.ts';
import { attendanceOf } from '../delegations/attendance.ts';
import { countryOf, reference } from '../directory/reference.ts';
import { people } from '../directory/tables.ts';
import { notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import {
  type BadgeFilters,
  markBadgesPrinted,
  selectBadgeFacets,
  selectBadges,
  selectCodeMode,
  selectEventBySlug,
} from './queries.ts';

/** What a badge's QR encodes: a page of ours, so a phone's own camera opens Encuentro and records the connection. */
export const connectUrl = (origin: string, slug: string, code: string) =>
  `${origin.replace(/\/$/, '')}/connect/${slug}/${code}`;

export const qrSvg = (text: string) => QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

async function eventOrNotFound(ctx: ServiceContext, slug: string) {
  const event = await selectEventBySlug(ctx.db, slug);
  if (!event) throw notFound('error.not_found.event', { slug });
  return event;
}

export async function myBadge(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
  origin: string,
): Promise<MyBadge> {
  const signedIn = requireSignedIn(viewer);
  const event = await eventOrNotFound(ctx, slug);
  const attendance = signedIn.personId ? await attendanceOf(ctx.db, event.id, signedIn.personId) : undefined;
  if (!attendance || !signedIn.personId)
    throw notFound('networking.error.no_badge', {
      event: { en: event.nameEn, es: event.nameEs ?? event.nameEn },
    });
  const [person] = await ctx.db.select({ name: people.name }).from(people).where(eq(people.id, signedIn.personId));
  const mode = await selectCodeMode(ctx.db, event.id);
  const url = connectUrl(origin, slug, attendance.badgeCode);
  return {
    event: { slug: event.slug, name: { en: event.nameEn, es: event.nameEs } },
    person: { id: signedIn.personId, name: person?.name ?? '' },
    badgeCode: attendance.badgeCode,
    connectUrl: url,
    qrSvg: await qrSvg(url),
    codeMode: mode,
    rotatingSecret: mode === 'rotating' ? attendance.rotatingSecret : null,
    periodSeconds: ROTATING_CODE_PERIOD_SECONDS,
  };
}

/** The event's badges as staff filter them for printing, with what the filters offer. */
export async function printableBadges(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
  origin: string,
  query: BadgeQuery = {},
): Promise<BadgeSheet> {
  requireRole(viewer, 'admin');
  const event = await eventOrNotFound(ctx, slug);
  const filters: BadgeFilters = {
    delegation: query.delegation,
    country: query.country,
    role: query.role,
    notPrinted: query.notPrinted === 'true',
  };
  const [ref, attendees, facets] = await Promise.all([
    reference(ctx),
    selectBadges(ctx.db, event.id, filters),
    selectBadgeFacets(ctx.db, event.id),
  ]);
  const items = await Promise.all(
    attendees.map(async (a): Promise<PrintableBadge> => {
      const url = connectUrl(origin, slug, a.badge_code);
      const roles = [
        ...(a.is_staff ? (['staff'] as const) : []),
        ...(a.is_partner ? (['partner'] as const) : []),
        ...(a.is_speaker ? (['speaker'] as const) : []),
      ];
      return {
        personId: a.person_id,
        name: a.name,
        organization: a.organization,
        country: countryOf(ref, a.country_code),
        badgeCode: a.badge_code,
        connectUrl: url,
        qrSvg: await qrSvg(url),
        delegation: a.delegation_id && a.delegation_name ? { id: a.delegation_id, name: a.delegation_name } : null,
        roles: a.is_staff || a.is_partner ? roles : ['delegate', ...roles],
        printedAt: a.badge_printed_at ? new Date(a.badge_printed_at).toISOString() : null,
      };
    }),
  );
  return {
    items,
    delegations: facets.delegations,
    countries: facets.countries.flatMap((code) => countryOf(ref, code) ?? []),
  };
}

/** POST /api/events/:slug/badges/printed: these badges came out of the printer. */
export async function markPrinted(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
  input: BadgesPrinted,
): Promise<BadgesMarked> {
  requireRole(viewer, 'admin');
  const event = await eventOrNotFound(ctx, slug);
  return { marked: await markBadgesPrinted(ctx.db, event.id, input.personIds, ctx.clock.now()) };
}

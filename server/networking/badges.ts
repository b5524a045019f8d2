import { eq, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { type MyBadge, type PrintableBadge, ROTATING_CODE_PERIOD_SECONDS } from '../../shared/api/networking.ts';
import { requireRole, requireSignedIn } from '../accounts/policy.ts';
import type { ServiceContext } from '../context.ts';
import { rows } from '../db/client.ts';
import { attendanceOf } from '../delegations/attendance.ts';
import { countryOf, reference } from '../directory/reference.ts';
import { people } from '../directory/tables.ts';
import { notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { selectCodeMode, selectEventBySlug } from './queries.ts';

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

/** Every attendee's badge, for staff to print. */
export async function printableBadges(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
  origin: string,
): Promise<PrintableBadge[]> {
  requireRole(viewer, 'admin');
  const event = await eventOrNotFound(ctx, slug);
  const [ref, attendees] = await Promise.all([
    reference(ctx),
    rows<{
      person_id: string;
      name: string;
      badge_code: string;
      country_code: string | null;
      organization: string | null;
    }>(
      ctx.db,
      sql`select a.person_id, p.name, a.badge_code, coalesce(a.country_code, p.country_code) as country_code,
                 (select coalesce(o.acronym, o.name) from affiliations af join organizations o on o.id = af.organization_id
                  where af.person_id = p.id order by af.position, o.name limit 1) as organization
          from attendances a join people p on p.id = a.person_id
          where a.event_id = ${event.id}
          order by p.name`,
    ),
  ]);
  return Promise.all(
    attendees.map(async (a) => {
      const url = connectUrl(origin, slug, a.badge_code);
      return {
        personId: a.person_id,
        name: a.name,
        organization: a.organization,
        country: countryOf(ref, a.country_code),
        badgeCode: a.badge_code,
        connectUrl: url,
        qrSvg: await qrSvg(url),
      };
    }),
  );
}

import { and, eq } from 'drizzle-orm';
import type { Attendee, AttendeeFlagChanges } from '../../shared/api/attendees.ts';
import { canManageAttendees, requireAllowed } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { eventBySlug } from '../delegations/queries.ts';
import { DELEGATIONS_TOPIC } from '../delegations/service.ts';
import { attendances } from '../delegations/tables.ts';
import { recordAudit } from '../editing/audit.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { attendeeCsvLine, presentAttendee } from './presenter.ts';
import { selectAttendees } from './queries.ts';

export async function requireEvent(db: Queryable, slug: string) {
  const event = await eventBySlug(db, slug);
  if (!event) throw new AppError('not_found', 'attendees.error.event_not_found', { slug });
  return event;
}

/** GET /api/events/:slug/attendees: everyone on the list, with where they are on the way in and their role flags. */
export async function listAttendees(ctx: ServiceContext, viewer: Viewer | null, slug: string): Promise<Attendee[]> {
  requireAllowed(viewer, canManageAttendees(viewer));
  const event = await requireEvent(ctx.db, slug);
  return (await selectAttendees(ctx.db, event.id)).map(presentAttendee);
}

export async function attendeesCsvLines(ctx: ServiceContext, viewer: Viewer | null, slug: string) {
  return (await listAttendees(ctx, viewer, slug)).map(attendeeCsvLine);
}

/**
 * PATCH /api/events/:slug/attendees/:personId: mark an attendance as staff,
 * partner or speaker (staff and partners play the bingo but win no prizes).
 */
export async function setAttendeeFlags(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  personId: string,
  changes: AttendeeFlagChanges,
): Promise<Attendee> {
  const actor = requireAllowed(viewer, canManageAttendees(viewer));
  const event = await requireEvent(ctx.db, slug);
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(attendances)
      .where(and(eq(attendances.eventId, event.id), eq(attendances.personId, personId)))
      .for('update');
    if (!current) throw new AppError('not_found', 'attendees.error.not_attending', { slug });
    const before = { staff: current.isStaff, partner: current.isPartner, speaker: current.isSpeaker };
    const after = { ...before, ...changes };
    await tx
      .update(attendances)
      .set({ isStaff: after.staff, isPartner: after.partner, isSpeaker: after.speaker })
      .where(eq(attendances.id, current.id));
    const audited = Object.fromEntries(
      (['staff', 'partner', 'speaker'] as const)
        .filter((flag) => before[flag] !== after[flag])
        .map((flag) => [`${slug}: ${flag}`, { before: before[flag], after: after[flag] }]),
    );
    if (Object.keys(audited).length > 0) {
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: 'update',
        entityType: 'person',
        entityId: personId,
        changes: audited,
        at: ctx.clock.now(),
      });
    }
  });
  await ctx.changed(DELEGATIONS_TOPIC);
  const [found] = await selectAttendees(ctx.db, event.id, personId);
  return presentAttendee(found as NonNullable<typeof found>);
}

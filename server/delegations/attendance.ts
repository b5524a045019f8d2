import { randomBytes, randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { badgeCodeFrom } from '../../shared/badge-code.ts';
import type { Queryable } from '../db/client.ts';
import { people } from '../directory/tables.ts';
import { attendances } from './tables.ts';

export interface AttendanceInput {
  eventId: string;
  personId: string;
  delegationId?: string | null;
  /** The country they count for in the bingo; defaults to the person's own. */
  countryCode?: string | null;
  isStaff?: boolean;
  isPartner?: boolean;
}

export function newBadgeCode(): string {
  return badgeCodeFrom(() => randomInt(256));
}

/**
 * Make sure a person attends an event, with a badge code unique within it.
 * An existing attendance keeps its badge; a delegation given here is recorded.
 * Returns the attendance row.
 */
export async function ensureAttendance(tx: Queryable, input: AttendanceInput) {
  const [existing] = await tx
    .select()
    .from(attendances)
    .where(and(eq(attendances.eventId, input.eventId), eq(attendances.personId, input.personId)))
    .limit(1);
  if (existing) {
    if (input.delegationId !== undefined && input.delegationId !== existing.delegationId) {
      const [updated] = await tx
        .update(attendances)
        .set({ delegationId: input.delegationId })
        .where(eq(attendances.id, existing.id))
        .returning();
      return updated ?? existing;
    }
    return existing;
  }
  const countryCode =
    input.countryCode !== undefined
      ? input.countryCode
      : ((await tx.select({ code: people.countryCode }).from(people).where(eq(people.id, input.personId)))[0]?.code ??
        null);
  // A clash of badge codes (31^6 of them) is rare; try again with another code.
  for (let attempt = 0; attempt < 8; attempt++) {
    const inserted = await tx
      .insert(attendances)
      .values({
        eventId: input.eventId,
        personId: input.personId,
        delegationId: input.delegationId ?? null,
        badgeCode: newBadgeCode(),
        rotatingSecret: randomBytes(20).toString('base64url'),
        countryCode,
        isStaff: input.isStaff ?? false,
        isPartner: input.isPartner ?? false,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted[0]) return inserted[0];
    const [raced] = await tx
      .select()
      .from(attendances)
      .where(and(eq(attendances.eventId, input.eventId), eq(attendances.personId, input.personId)))
      .limit(1);
    if (raced) return raced;
  }
  throw new Error(`could not find a free badge code for event ${input.eventId}`);
}

/** The attendance of a person at an event, if any. */
export async function attendanceOf(db: Queryable, eventId: string, personId: string) {
  const [row] = await db
    .select()
    .from(attendances)
    .where(and(eq(attendances.eventId, eventId), eq(attendances.personId, personId)))
    .limit(1);
  return row;
}

/** The attendance behind a badge code at an event, if any. */
export async function attendanceByBadge(db: Queryable, eventId: string, badgeCode: string) {
  const [row] = await db
    .select()
    .from(attendances)
    .where(and(eq(attendances.eventId, eventId), eq(attendances.badgeCode, sql`${badgeCode}`)))
    .limit(1);
  return row;
}

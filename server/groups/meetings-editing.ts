import { and, eq, sql } from 'drizzle-orm';
import type {
  ActionItemChanges,
  AgendaItemChanges,
  DecisionChanges,
  MeetingDetail,
  MinutesInput,
  NewActionItem,
  NewAgendaItem,
  NewDecision,
} from '../../shared/api/building.ts';
import { requireAllowed, requireSignedIn } from '../accounts/policy.ts';
import type { AppContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { people } from '../directory/tables.ts';
import {
  changesBetween,
  cleanText,
  createdChanges,
  deletedChanges,
  nothingChanged,
  versionConflict,
} from '../editing/changes.ts';
import { type AuditLog, commitWrite } from '../editing/commit.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { getMeeting, meetingOf } from './meetings.ts';
import { mayEditMeetings } from './meetings-access.ts';
import { sanitizeMinutes } from './rich-text.ts';
import { actionItems, meetingAgendaItems, meetingDecisions, meetingMinutes } from './tables.ts';

/*
 * The record of a meeting is part of its session: every change is audited as
 * a change of that session (entity `session`), with fields named after the
 * part changed (`minutes.internal.body.en`, `agenda.<id>.title.en`, …), and
 * answered with the whole meeting as GET /api/sessions/:id/meeting shows it.
 */

/** Signed in (401), the meeting exists (404), and this account may write its record (403). */
async function editableMeeting(ctx: AppContext, viewer: Viewer | null, sessionId: string) {
  const signedIn = requireSignedIn(viewer);
  const meeting = await meetingOf(ctx.db, sessionId);
  if (!meeting) throw notFound('building.error.not_a_meeting', { id: sessionId });
  requireAllowed(signedIn, await mayEditMeetings(ctx.db, meeting.group.id, signedIn));
  return { actor: signedIn, meeting };
}

function write(
  ctx: AppContext,
  actor: Viewer,
  sessionId: string,
  work: (
    tx: Queryable,
    log: (changes: Record<string, { before: unknown; after: unknown }>) => Promise<void>,
  ) => Promise<void>,
) {
  return commitWrite(ctx, actor, 'groups', (tx, log: AuditLog) =>
    work(tx, async (changes) => {
      if (!nothingChanged(changes))
        await log({ action: 'update', entityType: 'session', entityId: sessionId, changes });
    }),
  );
}

const prefixed = (prefix: string, changes: Record<string, { before: unknown; after: unknown }>) =>
  Object.fromEntries(Object.entries(changes).map(([field, change]) => [`${prefix}.${field}`, change]));

// --- Minutes ----------------------------------------------------------------

/**
 * PUT /api/sessions/:id/minutes: writes one part (public or internal). A part
 * that exists must be sent back with the version read; two people typing the
 * minutes at once get a 409 rather than losing one of the texts.
 */
export async function putMinutes(
  ctx: AppContext,
  viewer: Viewer | null,
  sessionId: string,
  input: MinutesInput,
): Promise<MeetingDetail> {
  const { actor } = await editableMeeting(ctx, viewer, sessionId);
  const bodyEn = sanitizeMinutes(input.body.en);
  const bodyEs = sanitizeMinutes(input.body.es);
  const part = input.internal ? 'internal' : 'public';
  await write(ctx, actor, sessionId, async (tx, log) => {
    const [row] = await tx
      .select()
      .from(meetingMinutes)
      .where(and(eq(meetingMinutes.sessionId, sessionId), eq(meetingMinutes.internal, input.internal)))
      .for('update');
    if (!row) {
      await tx
        .insert(meetingMinutes)
        .values({ sessionId, internal: input.internal, bodyEn, bodyEs, updatedAt: ctx.clock.now() });
      await log(prefixed(`minutes.${part}`, createdChanges({ 'body.en': bodyEn, 'body.es': bodyEs })));
      return;
    }
    if (input.version === undefined || input.version !== row.version) {
      throw versionConflict('session', input.version ?? 0, row.version);
    }
    const changes = changesBetween(
      { 'body.en': row.bodyEn, 'body.es': row.bodyEs },
      { 'body.en': bodyEn, 'body.es': bodyEs },
    );
    if (nothingChanged(changes)) return;
    await tx
      .update(meetingMinutes)
      .set({ bodyEn, bodyEs, version: sql`${meetingMinutes.version} + 1`, updatedAt: ctx.clock.now() })
      .where(and(eq(meetingMinutes.id, row.id), eq(meetingMinutes.version, row.version)));
    await log(prefixed(`minutes.${part}`, changes));
  });
  return getMeeting(ctx, sessionId, actor);
}

// --- Agenda items and decisions ---------------------------------------------

const nextPosition = async (
  tx: Queryable,
  table: typeof meetingAgendaItems | typeof meetingDecisions,
  sessionId: string,
) => {
  const [row] = await tx
    .select({ next: sql<number>`coalesce(max(${table.position}) + 1, 0)::int` })
    .from(table)
    .where(eq(table.sessionId, sessionId));
  return row?.next ?? 0;
};

export async function addAgendaItem(
  ctx: AppContext,
  viewer: Viewer | null,
  sessionId: string,
  input: NewAgendaItem,
): Promise<MeetingDetail> {
  const { actor } = await editableMeeting(ctx, viewer, sessionId);
  await write(ctx, actor, sessionId, async (tx, log) => {
    const position = input.position ?? (await nextPosition(tx, meetingAgendaItems, sessionId));
    const state = { 'title.en': input.title.en.trim(), 'title.es': cleanText(input.title.es) ?? null, position };
    const [row] = await tx
      .insert(meetingAgendaItems)
      .values({ sessionId, titleEn: state['title.en'], titleEs: state['title.es'], position })
      .returning({ id: meetingAgendaItems.id });
    await log(prefixed(`agenda.${row?.id}`, createdChanges(state)));
  });
  return getMeeting(ctx, sessionId, actor);
}

async function sessionOfRow(ctx: AppContext, table: typeof meetingAgendaItems | typeof meetingDecisions, id: string) {
  const [row] = await ctx.db.select({ sessionId: table.sessionId }).from(table).where(eq(table.id, id));
  return row?.sessionId;
}

export async function updateAgendaItem(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: AgendaItemChanges,
): Promise<MeetingDetail> {
  requireSignedIn(viewer);
  const sessionId = await sessionOfRow(ctx, meetingAgendaItems, id);
  if (!sessionId) throw notFound('building.error.not_found.agenda_item', { id });
  const { actor } = await editableMeeting(ctx, viewer, sessionId);
  await write(ctx, actor, sessionId, async (tx, log) => {
    const [row] = await tx.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.id, id)).for('update');
    if (!row) throw notFound('building.error.not_found.agenda_item', { id });
    const before = { 'title.en': row.titleEn, 'title.es': row.titleEs, position: row.position };
    const after = {
      'title.en': input.title?.en?.trim() ?? row.titleEn,
      'title.es': input.title && 'es' in input.title ? (cleanText(input.title.es) ?? null) : row.titleEs,
      position: input.position ?? row.position,
    };
    const changes = changesBetween(before, after);
    if (nothingChanged(changes)) return;
    await tx
      .update(meetingAgendaItems)
      .set({ titleEn: after['title.en'], titleEs: after['title.es'], position: after.position })
      .where(eq(meetingAgendaItems.id, id));
    await log(prefixed(`agenda.${id}`, changes));
  });
  return getMeeting(ctx, sessionId, actor);
}

export async function deleteAgendaItem(ctx: AppContext, viewer: Viewer | null, id: string) {
  requireSignedIn(viewer);
  const sessionId = await sessionOfRow(ctx, meetingAgendaItems, id);
  if (!sessionId) throw notFound('building.error.not_found.agenda_item', { id });
  const { actor } = await editableMeeting(ctx, viewer, sessionId);
  await write(ctx, actor, sessionId, async (tx, log) => {
    const [row] = await tx.delete(meetingAgendaItems).where(eq(meetingAgendaItems.id, id)).returning();
    if (!row) throw notFound('building.error.not_found.agenda_item', { id });
    await log(prefixed(`agenda.${id}`, deletedChanges({ 'title.en': row.titleEn, 'title.es': row.titleEs })));
  });
  return getMeeting(ctx, sessionId, actor);
}

export async function addDecision(
  ctx: AppContext,
  viewer: Viewer | null,
  sessionId: string,
  input: NewDecision,
): Promise<MeetingDetail> {
  const { actor } = await editableMeeting(ctx, viewer, sessionId);
  await write(ctx, actor, sessionId, async (tx, log) => {
    const position = input.position ?? (await nextPosition(tx, meetingDecisions, sessionId));
    const state = { 'text.en': input.text.en.trim(), 'text.es': cleanText(input.text.es) ?? null, position };
    const [row] = await tx
      .insert(meetingDecisions)
      .values({ sessionId, textEn: state['text.en'], textEs: state['text.es'], position })
      .returning({ id: meetingDecisions.id });
    await log(prefixed(`decisions.${row?.id}`, createdChanges(state)));
  });
  return getMeeting(ctx, sessionId, actor);
}

export async function updateDecision(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: DecisionChanges,
): Promise<MeetingDetail> {
  requireSignedIn(viewer);
  const sessionId = await sessionOfRow(ctx, meetingDecisions, id);
  if (!sessionId) throw notFound('building.error.not_found.decision', { id });
  const { actor } = await editableMeeting(ctx, viewer, sessionId);
  await write(ctx, actor, sessionId, async (tx, log) => {
    const [row] = await tx.select().from(meetingDecisions).where(eq(meetingDecisions.id, id)).for('update');
    if (!row) throw notFound('building.error.not_found.decision', { id });
    const before = { 'text.en': row.textEn, 'text.es': row.textEs, position: row.position };
    const after = {
      'text.en': input.text?.en?.trim() ?? row.textEn,
      'text.es': input.text && 'es' in input.text ? (cleanText(input.text.es) ?? null) : row.textEs,
      position: input.position ?? row.position,
    };
    const changes = changesBetween(before, after);
    if (nothingChanged(changes)) return;
    await tx
      .update(meetingDecisions)
      .set({ textEn: after['text.en'], textEs: after['text.es'], position: after.position })
      .where(eq(meetingDecisions.id, id));
    await log(prefixed(`decisions.${id}`, changes));
  });
  return getMeeting(ctx, sessionId, actor);
}

export async function deleteDecision(ctx: AppContext, viewer: Viewer | null, id: string) {
  requireSignedIn(viewer);
  const sessionId = await sessionOfRow(ctx, meetingDecisions, id);
  if (!sessionId) throw notFound('building.error.not_found.decision', { id });
  const { actor } = await editableMeeting(ctx, viewer, sessionId);
  await write(ctx, actor, sessionId, async (tx, log) => {
    const [row] = await tx.delete(meetingDecisions).where(eq(meetingDecisions.id, id)).returning();
    if (!row) throw notFound('building.error.not_found.decision', { id });
    await log(prefixed(`decisions.${id}`, deletedChanges({ 'text.en': row.textEn, 'text.es': row.textEs })));
  });
  return getMeeting(ctx, sessionId, actor);
}

// --- Action items -------------------------------------------------------------

async function checkedOwner(tx: Queryable, owner: string | null | undefined) {
  if (!owner) return owner;
  const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, owner));
  if (!person) throw new AppError('rule_broken', 'building.error.unknown_person', { id: owner }, { field: 'owner' });
  return owner;
}

export async function addActionItem(
  ctx: AppContext,
  viewer: Viewer | null,
  sessionId: string,
  input: NewActionItem,
): Promise<MeetingDetail> {
  const { actor, meeting } = await editableMeeting(ctx, viewer, sessionId);
  await write(ctx, actor, sessionId, async (tx, log) => {
    const owner = (await checkedOwner(tx, input.owner)) ?? null;
    const state = {
      'text.en': input.text.en.trim(),
      'text.es': cleanText(input.text.es) ?? null,
      owner,
      dueOn: input.dueOn ?? null,
      status: 'open',
    };
    const [row] = await tx
      .insert(actionItems)
      .values({
        workingGroupId: meeting.group.id,
        sessionId,
        textEn: state['text.en'],
        textEs: state['text.es'],
        ownerPersonId: owner,
        dueOn: state.dueOn,
        createdAt: ctx.clock.now(),
      })
      .returning({ id: actionItems.id });
    await log(prefixed(`actionItems.${row?.id}`, createdChanges(state)));
  });
  return getMeeting(ctx, sessionId, actor);
}

async function actionItemSession(ctx: AppContext, id: string) {
  const [row] = await ctx.db
    .select({ sessionId: actionItems.sessionId })
    .from(actionItems)
    .where(eq(actionItems.id, id));
  if (!row) throw notFound('building.error.not_found.action_item', { id });
  // Action items are raised at a meeting; one whose meeting was removed is the admins' to tidy.
  if (!row.sessionId) throw notFound('building.error.not_found.action_item', { id });
  return row.sessionId;
}

/** PATCH /api/action-items/:id: text, owner, due date, and open ↔ done (the time it was done is kept). */
export async function updateActionItem(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: ActionItemChanges,
): Promise<MeetingDetail> {
  requireSignedIn(viewer);
  const sessionId = await actionItemSession(ctx, id);
  const { actor } = await editableMeeting(ctx, viewer, sessionId);
  await write(ctx, actor, sessionId, async (tx, log) => {
    const [row] = await tx.select().from(actionItems).where(eq(actionItems.id, id)).for('update');
    if (!row) throw notFound('building.error.not_found.action_item', { id });
    if (row.version !== input.version) throw versionConflict('session', input.version, row.version);
    const before = {
      'text.en': row.textEn,
      'text.es': row.textEs,
      owner: row.ownerPersonId,
      dueOn: row.dueOn,
      status: row.status,
    };
    const after = {
      'text.en': input.text?.en?.trim() ?? row.textEn,
      'text.es': input.text && 'es' in input.text ? (cleanText(input.text.es) ?? null) : row.textEs,
      owner: input.owner === undefined ? row.ownerPersonId : await checkedOwner(tx, input.owner),
      dueOn: input.dueOn === undefined ? row.dueOn : input.dueOn,
      status: input.status ?? row.status,
    };
    const changes = changesBetween(before, after);
    if (nothingChanged(changes)) return;
    const doneAt = 'status' in changes ? (after.status === 'done' ? ctx.clock.now() : null) : row.doneAt;
    const updated = await tx
      .update(actionItems)
      .set({
        textEn: after['text.en'],
        textEs: after['text.es'],
        ownerPersonId: after.owner ?? null,
        dueOn: after.dueOn,
        status: after.status,
        doneAt,
        version: sql`${actionItems.version} + 1`,
      })
      .where(and(eq(actionItems.id, id), eq(actionItems.version, input.version)))
      .returning({ id: actionItems.id });
    if (updated.length === 0) throw versionConflict('session', input.version, row.version);
    await log(prefixed(`actionItems.${id}`, changes));
  });
  return getMeeting(ctx, sessionId, actor);
}

export async function deleteActionItem(ctx: AppContext, viewer: Viewer | null, id: string) {
  requireSignedIn(viewer);
  const sessionId = await actionItemSession(ctx, id);
  const { actor } = await editableMeeting(ctx, viewer, sessionId);
  await write(ctx, actor, sessionId, async (tx, log) => {
    const [row] = await tx.delete(actionItems).where(eq(actionItems.id, id)).returning();
    if (!row) throw notFound('building.error.not_found.action_item', { id });
    await log(
      prefixed(
        `actionItems.${id}`,
        deletedChanges({ 'text.en': row.textEn, owner: row.ownerPersonId, dueOn: row.dueOn, status: row.status }),
      ),
    );
  });
  return getMeeting(ctx, sessionId, actor);
}

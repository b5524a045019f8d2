import { and, asc, eq, sql } from 'drizzle-orm';
import type { ActionItem, ActionItemOverview, ActionItemStatus, MeetingDetail } from '../../shared/api/building.ts';
import { localDate } from '../../shared/time.ts';
import type { ServiceContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { localized } from '../directory/presenter.ts';
import { people } from '../directory/tables.ts';
import { notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { events, sessions } from '../programme/tables.ts';
import { isGroupMember, mayEditMeetings } from './meetings-access.ts';
import {
  actionItems,
  meetingAgendaItems,
  meetingDecisions,
  meetingMinutes,
  workingGroupMeetings,
  workingGroups,
} from './tables.ts';

/** The meeting a session is, with its group; a session that is no group's meeting is absent. */
export async function meetingOf(db: Queryable, sessionId: string) {
  const [row] = await db
    .select({
      session: sessions,
      event: { slug: events.slug, nameEn: events.nameEn, nameEs: events.nameEs, timeZone: events.timeZone },
      group: {
        id: workingGroups.id,
        slug: workingGroups.slug,
        nameEn: workingGroups.nameEn,
        nameEs: workingGroups.nameEs,
      },
    })
    .from(workingGroupMeetings)
    .innerJoin(sessions, eq(sessions.id, workingGroupMeetings.sessionId))
    .innerJoin(events, eq(events.id, sessions.eventId))
    .innerJoin(workingGroups, eq(workingGroups.id, workingGroupMeetings.workingGroupId))
    .where(eq(workingGroupMeetings.sessionId, sessionId))
    .orderBy(asc(workingGroups.nameEn))
    .limit(1);
  return row;
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof meetingOf>>>;

/** A meeting the viewer may see at all: public sessions to everyone, the others to members of the group. */
export async function visibleMeeting(ctx: ServiceContext, sessionId: string, viewer: Viewer | null) {
  const meeting = await meetingOf(ctx.db, sessionId);
  if (!meeting) throw notFound('building.error.not_a_meeting', { id: sessionId });
  const member = await isGroupMember(ctx.db, meeting.group.id, viewer);
  if (meeting.session.visibility !== 'public' && !member) {
    throw notFound('building.error.not_a_meeting', { id: sessionId });
  }
  return { meeting, member };
}

const actionItemColumns = {
  item: actionItems,
  ownerName: people.name,
  sessionTitleEn: sessions.titleEn,
  sessionTitleEs: sessions.titleEs,
  sessionStartsAt: sessions.startsAt,
  timeZone: events.timeZone,
};

function selectActionItems(db: Queryable) {
  return db
    .select(actionItemColumns)
    .from(actionItems)
    .leftJoin(people, eq(people.id, actionItems.ownerPersonId))
    .leftJoin(sessions, eq(sessions.id, actionItems.sessionId))
    .leftJoin(events, eq(events.id, sessions.eventId));
}
type ActionItemRow = Awaited<ReturnType<ReturnType<typeof selectActionItems>['where']>>[number];

/** Overdue: still open on a day after its due date, that day taken in the zone of the meeting that raised it. */
function presentActionItem(row: ActionItemRow, now: Date): ActionItem {
  const { item } = row;
  const today = localDate(now, row.timeZone ?? 'UTC');
  return {
    id: item.id,
    text: localized(item.textEn, item.textEs),
    owner: item.ownerPersonId && row.ownerName ? { id: item.ownerPersonId, name: row.ownerName } : null,
    dueOn: item.dueOn,
    status: item.status,
    doneAt: item.doneAt?.toISOString() ?? null,
    overdue: item.status === 'open' && item.dueOn !== null && item.dueOn < today,
    illustrative: item.illustrative,
    meeting:
      item.sessionId && row.sessionStartsAt
        ? {
            id: item.sessionId,
            title: localized(row.sessionTitleEn, row.sessionTitleEs),
            startsAt: row.sessionStartsAt.toISOString(),
          }
        : null,
    version: item.version,
  };
}

/** GET /api/sessions/:id/meeting: internal minutes only reach members of the group and the staff. */
export async function getMeeting(
  ctx: ServiceContext,
  sessionId: string,
  viewer: Viewer | null,
): Promise<MeetingDetail> {
  const { meeting, member } = await visibleMeeting(ctx, sessionId, viewer);
  const minutesVisible = member ? sql`true` : eq(meetingMinutes.internal, false);
  const [agenda, minutes, decisions, items, mayEdit] = await Promise.all([
    ctx.db
      .select()
      .from(meetingAgendaItems)
      .where(eq(meetingAgendaItems.sessionId, sessionId))
      .orderBy(asc(meetingAgendaItems.position), asc(meetingAgendaItems.titleEn)),
    ctx.db
      .select()
      .from(meetingMinutes)
      .where(and(eq(meetingMinutes.sessionId, sessionId), minutesVisible))
      .orderBy(asc(meetingMinutes.internal)),
    ctx.db
      .select()
      .from(meetingDecisions)
      .where(eq(meetingDecisions.sessionId, sessionId))
      .orderBy(asc(meetingDecisions.position), asc(meetingDecisions.textEn)),
    selectActionItems(ctx.db)
      .where(eq(actionItems.sessionId, sessionId))
      .orderBy(asc(actionItems.status), sql`${actionItems.dueOn} asc nulls last`, asc(actionItems.createdAt)),
    mayEditMeetings(ctx.db, meeting.group.id, viewer),
  ]);
  const now = ctx.clock.now();
  return {
    session: {
      id: meeting.session.id,
      title: localized(meeting.session.titleEn, meeting.session.titleEs),
      startsAt: meeting.session.startsAt.toISOString(),
      endsAt: meeting.session.endsAt.toISOString(),
      event: {
        slug: meeting.event.slug,
        name: localized(meeting.event.nameEn, meeting.event.nameEs),
        timeZone: meeting.event.timeZone,
      },
    },
    group: { slug: meeting.group.slug, name: localized(meeting.group.nameEn, meeting.group.nameEs) },
    agenda: agenda.map((a) => ({ id: a.id, position: a.position, title: localized(a.titleEn, a.titleEs) })),
    minutes: minutes.map((m) => ({
      id: m.id,
      internal: m.internal,
      body: { en: m.bodyEn, es: m.bodyEs },
      updatedAt: m.updatedAt.toISOString(),
      version: m.version,
    })),
    decisions: decisions.map((d) => ({ id: d.id, position: d.position, text: localized(d.textEn, d.textEs) })),
    actionItems: items.map((row) => presentActionItem(row, now)),
    viewer: { member, mayEdit },
  };
}

export async function getActionItem(ctx: ServiceContext, id: string): Promise<ActionItem> {
  const [row] = await selectActionItems(ctx.db).where(eq(actionItems.id, id));
  if (!row) throw notFound('building.error.not_found.action_item', { id });
  return presentActionItem(row, ctx.clock.now());
}

/**
 * GET /api/working-groups/:slug/action-items: the group's action items, by
 * owner then due date. Action items are not secret (the meeting record lists
 * them to everyone who may see the meeting), but those raised at meetings the
 * viewer may not see stay out.
 */
export async function listGroupActionItems(
  ctx: ServiceContext,
  slug: string,
  status: ActionItemStatus | undefined,
  viewer: Viewer | null,
): Promise<ActionItemOverview> {
  const [group] = await ctx.db.select().from(workingGroups).where(eq(workingGroups.slug, slug));
  if (!group) throw notFound('error.not_found.working_group', { slug });
  const member = await isGroupMember(ctx.db, group.id, viewer);
  const conditions = [eq(actionItems.workingGroupId, group.id)];
  if (status) conditions.push(eq(actionItems.status, status));
  if (!member) conditions.push(sql`(${actionItems.sessionId} is null or ${sessions.visibility} = 'public')`);
  const found = await selectActionItems(ctx.db)
    .where(and(...conditions))
    .orderBy(sql`${people.name} asc nulls last`, sql`${actionItems.dueOn} asc nulls last`, asc(actionItems.createdAt));
  const now = ctx.clock.now();
  return {
    group: { slug: group.slug, name: localized(group.nameEn, group.nameEs) },
    today: localDate(now, 'UTC'),
    items: found.map((row) => presentActionItem(row, now)),
  };
}

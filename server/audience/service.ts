import type {
  AudienceSettings,
  AudienceSettingsChange,
  FeedbackRequest,
  FeedbackSettings,
  Poll,
  PollChange,
  PollList,
  PollRequest,
  PollVoteRequest,
  Question,
  QuestionList,
  QuestionModeration,
  QuestionRequest,
  QuestionVoteRequest,
  RoomChangedMessage,
  RoomPollMessage,
  RoomQuestionMessage,
  SessionFeedback,
} from '../../shared/api/audience.ts';
import {
  canAskInRoom,
  canModerateRoom,
  canRateSession,
  canReadFeedbackComments,
  canSeeFeedbackSummary,
  canSeeRoom,
  requireAdmin,
  requireAllowed,
  requireSignedIn,
} from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { Coalescer } from './broadcast.ts';
import { presentPoll, presentPublicPoll, presentPublicQuestion, presentQuestion, presentSummary } from './presenter.ts';
import {
  addQuestionVote,
  castBallot,
  changePoll,
  countQuestionsSince,
  insertPoll,
  insertQuestion,
  moderateQuestion,
  type RoomRow,
  removeQuestionVote,
  selectEventSettings,
  selectFeedbackSummary,
  selectMyFeedback,
  selectPoll,
  selectPollOptions,
  selectPolls,
  selectQuestion,
  selectQuestionSession,
  selectQuestions,
  selectRoom,
  upsertFeedback,
  writeEventSettings,
  writeSessionSettings,
} from './queries.ts';

/** Votes of one poll or question reach the open pages at most four times a second (decision 0038). */
const LIVE_WINDOW_MS = 250;
/** A person asks at most this many questions a minute in one session. */
const QUESTIONS_PER_MINUTE = 5;

const coalescers = new WeakMap<object, Coalescer>();
function coalescerOf(ctx: AppContext): Coalescer {
  let coalescer = coalescers.get(ctx.live);
  if (!coalescer) {
    coalescer = new Coalescer(LIVE_WINDOW_MS);
    coalescers.set(ctx.live, coalescer);
  }
  return coalescer;
}

const personOf = (viewer: Viewer | null) => viewer?.personId ?? null;

/** The room of a session, if the viewer may see it: those outside are refused (401 or 403), an unknown one is 404. */
async function roomFor(ctx: ServiceContext, viewer: Viewer | null, sessionId: string): Promise<RoomRow> {
  const room = await selectRoom(ctx.db, sessionId, personOf(viewer));
  if (!room) throw notFound('audience.error.no_session', { id: sessionId });
  if (!canSeeRoom(viewer, room)) {
    requireSignedIn(viewer);
    throw new AppError('forbidden', 'audience.error.not_for_you');
  }
  return room;
}

function requireAsker(viewer: Viewer | null, room: RoomRow): string {
  const signedIn = requireSignedIn(viewer);
  if (!signedIn.personId) throw new AppError('forbidden', 'audience.error.no_person');
  if (!canAskInRoom(viewer, room)) throw new AppError('forbidden', 'audience.error.attendees_only');
  return signedIn.personId;
}

const requireModerator = (viewer: Viewer | null, room: RoomRow) =>
  requireAllowed(viewer, canModerateRoom(viewer, room));

// --- Questions -----------------------------------------------------------------------

/** A session's questions as this viewer may see them (GET /api/sessions/:id/questions). */
export async function listQuestions(
  ctx: ServiceContext,
  viewer: Viewer | null,
  sessionId: string,
): Promise<QuestionList> {
  const room = await roomFor(ctx, viewer, sessionId);
  const personId = personOf(viewer);
  const moderator = canModerateRoom(viewer, room);
  const found = await selectQuestions(ctx.db, room.id, personId, moderator);
  return {
    session: {
      id: room.id,
      eventSlug: room.eventSlug,
      title: { en: room.titleEn, es: room.titleEs },
      startsAt: new Date(room.startsAt).toISOString(),
      endsAt: new Date(room.endsAt).toISOString(),
    },
    rights: {
      ask: canAskInRoom(viewer, room),
      moderate: moderator,
      rate: canRateSession(viewer, room) && room.feedbackOpen && ctx.clock.now() >= new Date(room.startsAt),
    },
    questionsNeedApproval: room.questionsNeedApproval,
    items: found.map((row) => presentQuestion(row, personId, moderator)),
  };
}

async function questionFor(ctx: ServiceContext, viewer: Viewer | null, id: string, room: RoomRow): Promise<Question> {
  const row = await selectQuestion(ctx.db, id, personOf(viewer));
  if (!row) throw notFound('audience.error.no_question', { id });
  return presentQuestion(row, personOf(viewer), canModerateRoom(viewer, room));
}

/** Ask a question (POST /api/sessions/:id/questions): approved at once when the event lets questions appear without approval. */
export async function askQuestion(
  ctx: AppContext,
  viewer: Viewer | null,
  sessionId: string,
  input: QuestionRequest,
): Promise<Question> {
  const room = await roomFor(ctx, viewer, sessionId);
  const personId = requireAsker(viewer, room);
  const text = input.text.trim().replace(/\s+/g, ' ');
  if (text.length < 3) {
    throw new AppError('invalid_input', 'audience.error.question_too_short', {}, { field: 'text' });
  }
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    if ((await countQuestionsSince(tx, room.id, personId, new Date(now.getTime() - 60_000))) >= QUESTIONS_PER_MINUTE) {
      throw new AppError('rate_limited', 'audience.error.too_many_questions');
    }
    return insertQuestion(tx, {
      sessionId: room.id,
      personId,
      text,
      anonymous: input.anonymous ?? false,
      status: room.questionsNeedApproval ? 'pending' : 'approved',
      at: now,
    });
  });
  await publishQuestion(ctx, room, id, true);
  return questionFor(ctx, viewer, id, room);
}

async function roomOfQuestion(ctx: ServiceContext, viewer: Viewer | null, id: string) {
  const question = await selectQuestionSession(ctx.db, id);
  if (!question) throw notFound('audience.error.no_question', { id });
  const room = await roomFor(ctx, viewer, question.sessionId);
  // Someone else's question still waiting (or hidden) is not there for those who may not moderate it.
  if (question.status !== 'approved' && question.authorId !== personOf(viewer) && !canModerateRoom(viewer, room)) {
    throw notFound('audience.error.no_question', { id });
  }
  return { room, question };
}

/** Upvote a question, or take the vote back (POST /api/questions/:id/votes): one vote per person, counted in the database. */
export async function voteQuestion(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: QuestionVoteRequest,
): Promise<Question> {
  const { room, question } = await roomOfQuestion(ctx, viewer, id);
  const personId = requireAsker(viewer, room);
  if (question.status !== 'approved') throw new AppError('rule_broken', 'audience.error.not_approved');
  if (question.authorId === personId) throw new AppError('rule_broken', 'audience.error.own_question');
  const now = ctx.clock.now();
  const changed = input.voted
    ? await addQuestionVote(ctx.db, id, personId, now)
    : await removeQuestionVote(ctx.db, id, personId);
  if (changed) coalescerOf(ctx).run(`question:${id}`, () => publishQuestion(ctx, room, id, false));
  return questionFor(ctx, viewer, id, room);
}

/** Approve, hide, pin, mark answered (PATCH /api/questions/:id), at the version read. */
export async function moderate(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: QuestionModeration,
): Promise<Question> {
  const { room } = await roomOfQuestion(ctx, viewer, id);
  const moderator = requireModerator(viewer, room);
  const { version, ...change } = input;
  if (!(await moderateQuestion(ctx.db, id, version, change, moderator.userId, ctx.clock.now()))) {
    throw new AppError('conflict', 'audience.error.question_changed');
  }
  await publishQuestion(ctx, room, id, true);
  return questionFor(ctx, viewer, id, room);
}

/**
 * After the commit: the question as the room sees it, to the event's open
 * pages — only for a public session, since the event's live channel is open
 * to anyone; otherwise, and for moderators' queues, a notice to read again.
 */
async function publishQuestion(ctx: AppContext, room: RoomRow, id: string, queueChanged: boolean): Promise<void> {
  try {
    if (room.visibility !== 'public') {
      const changed: RoomChangedMessage = { sessionId: room.id, what: 'questions', moderatorsOnly: false };
      await ctx.live.publish(room.eventId, 'room-changed', changed);
      return;
    }
    const row = await selectQuestion(ctx.db, id, null);
    if (!row) return;
    const message: RoomQuestionMessage =
      row.status === 'approved'
        ? { sessionId: room.id, question: presentPublicQuestion(row), removed: null }
        : { sessionId: room.id, question: null, removed: row.id };
    const queue: RoomChangedMessage = { sessionId: room.id, what: 'questions', moderatorsOnly: true };
    await ctx.live.publishAll([
      { eventId: room.eventId, type: 'room-question', data: message },
      ...(queueChanged ? [{ eventId: room.eventId, type: 'room-changed', data: queue }] : []),
    ]);
  } catch {
    // A courtesy: pages read the room again when they reconnect.
  }
}

// --- Polls -----------------------------------------------------------------------------

async function pollsFor(ctx: ServiceContext, viewer: Viewer | null, room: RoomRow, only?: string): Promise<Poll[]> {
  const personId = personOf(viewer);
  const moderator = canModerateRoom(viewer, room);
  const rows = only
    ? [await selectPoll(ctx.db, only, personId)].filter((row) => row !== undefined)
    : await selectPolls(ctx.db, room.id, personId);
  const options = await selectPollOptions(
    ctx.db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => presentPoll(row, options, moderator));
}

/** A session's polls, newest first (GET /api/sessions/:id/polls). */
export async function listPolls(ctx: ServiceContext, viewer: Viewer | null, sessionId: string): Promise<PollList> {
  const room = await roomFor(ctx, viewer, sessionId);
  return { items: await pollsFor(ctx, viewer, room) };
}

async function onePoll(ctx: ServiceContext, viewer: Viewer | null, room: RoomRow, id: string): Promise<Poll> {
  const [poll] = await pollsFor(ctx, viewer, room, id);
  if (!poll) throw notFound('audience.error.no_poll', { id });
  return poll;
}

/** Open a poll in a session (POST /api/sessions/:id/polls): moderators. */
export async function openPoll(
  ctx: AppContext,
  viewer: Viewer | null,
  sessionId: string,
  input: PollRequest,
): Promise<Poll> {
  const room = await roomFor(ctx, viewer, sessionId);
  const moderator = requireModerator(viewer, room);
  const clean = (value: string | undefined) => (value?.trim() ? value.trim() : null);
  const labels = input.options.map((option) => ({ en: option.en.trim(), es: clean(option.es) }));
  const blank = labels.findIndex((label) => label.en.length === 0);
  if (blank >= 0 || !input.question.en.trim()) {
    throw new AppError(
      'invalid_input',
      'audience.error.poll_blank',
      {},
      {
        field: blank >= 0 ? `options.${blank}.en` : 'question.en',
      },
    );
  }
  const id = await ctx.db.transaction((tx) =>
    insertPoll(tx, {
      sessionId: room.id,
      kind: input.kind,
      questionEn: input.question.en.trim(),
      questionEs: clean(input.question.es),
      createdBy: moderator.userId,
      at: ctx.clock.now(),
      options: labels,
    }),
  );
  await publishPoll(ctx, room, id);
  return onePoll(ctx, viewer, room, id);
}

async function roomOfPoll(ctx: ServiceContext, viewer: Viewer | null, id: string) {
  const poll = await selectPoll(ctx.db, id, null);
  if (!poll) throw notFound('audience.error.no_poll', { id });
  return roomFor(ctx, viewer, poll.sessionId);
}

/** Close or reopen a poll, show or hide its results (PATCH /api/polls/:id): moderators, at the version read. */
export async function changePollState(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: PollChange,
): Promise<Poll> {
  const room = await roomOfPoll(ctx, viewer, id);
  requireModerator(viewer, room);
  const { version, ...change } = input;
  if (!(await changePoll(ctx.db, id, version, change))) throw new AppError('conflict', 'audience.error.poll_changed');
  await publishPoll(ctx, room, id);
  return onePoll(ctx, viewer, room, id);
}

/** Vote in a poll, or change one's vote while it is open (POST /api/polls/:id/votes): one ballot per person. */
export async function votePoll(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: PollVoteRequest,
): Promise<Poll> {
  const room = await roomOfPoll(ctx, viewer, id);
  const personId = requireAsker(viewer, room);
  const poll = await selectPoll(ctx.db, id, null);
  if (!poll) throw notFound('audience.error.no_poll', { id });
  if (poll.kind === 'single' && input.options.length !== 1) {
    throw new AppError('invalid_input', 'audience.error.one_option', {}, { field: 'options' });
  }
  if (!(await castBallot(ctx.db, id, personId, input.options, ctx.clock.now()))) {
    if (poll.status !== 'open') throw new AppError('rule_broken', 'audience.error.poll_closed');
    throw new AppError('invalid_input', 'audience.error.unknown_option', {}, { field: 'options' });
  }
  coalescerOf(ctx).run(`poll:${id}`, () => publishPoll(ctx, room, id));
  return onePoll(ctx, viewer, room, id);
}

/** After the commit: the poll as the room sees it (results once shown), or a notice for a session not open to all. */
async function publishPoll(ctx: AppContext, room: RoomRow, id: string): Promise<void> {
  try {
    if (room.visibility !== 'public') {
      const changed: RoomChangedMessage = { sessionId: room.id, what: 'polls', moderatorsOnly: false };
      await ctx.live.publish(room.eventId, 'room-changed', changed);
      return;
    }
    const row = await selectPoll(ctx.db, id, null);
    if (!row) return;
    const message: RoomPollMessage = {
      sessionId: room.id,
      poll: presentPublicPoll(row, await selectPollOptions(ctx.db, [id]), false),
    };
    await ctx.live.publish(room.eventId, 'room-poll', message);
  } catch {
    // A courtesy, as for questions.
  }
}

// --- Feedback --------------------------------------------------------------------------

async function feedbackFor(ctx: ServiceContext, viewer: Viewer | null, room: RoomRow): Promise<SessionFeedback> {
  const personId = personOf(viewer);
  const mine = personId ? await selectMyFeedback(ctx.db, room.id, personId) : undefined;
  const summary = canSeeFeedbackSummary(viewer, room) ? await selectFeedbackSummary(ctx.db, room.id) : null;
  return {
    sessionId: room.id,
    open: room.feedbackOpen,
    shared: room.feedbackShared,
    version: room.feedbackVersion,
    canRate: canRateSession(viewer, room) && room.feedbackOpen && ctx.clock.now() >= new Date(room.startsAt),
    mine: mine ? { rating: mine.rating, comment: mine.comment } : null,
    summary: summary
      ? presentSummary(summary.ratings, canReadFeedbackComments(viewer) ? summary.comments : null)
      : null,
  };
}

/** My rating of a session and, for staff (and its speakers once shared), everyone's (GET /api/sessions/:id/feedback). */
export async function getFeedback(ctx: ServiceContext, viewer: Viewer | null, sessionId: string) {
  const signedIn = requireSignedIn(viewer);
  return feedbackFor(ctx, signedIn, await roomFor(ctx, signedIn, sessionId));
}

/** Rate a session I was at, once it has begun; rating again changes it (PUT /api/sessions/:id/feedback). */
export async function giveFeedback(
  ctx: ServiceContext,
  viewer: Viewer | null,
  sessionId: string,
  input: FeedbackRequest,
): Promise<SessionFeedback> {
  const room = await roomFor(ctx, viewer, sessionId);
  const signedIn = requireSignedIn(viewer);
  if (!signedIn.personId) throw new AppError('forbidden', 'audience.error.no_person');
  if (!canRateSession(signedIn, room)) throw new AppError('forbidden', 'audience.error.not_attended');
  if (!room.feedbackOpen) throw new AppError('rule_broken', 'audience.error.feedback_closed');
  if (ctx.clock.now() < new Date(room.startsAt)) throw new AppError('rule_broken', 'audience.error.not_begun');
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  await upsertFeedback(ctx.db, {
    sessionId: room.id,
    personId: signedIn.personId,
    rating: input.rating,
    comment,
    at: ctx.clock.now(),
  });
  return feedbackFor(ctx, signedIn, room);
}

/** Open or close a session's feedback, share it with its speakers (PATCH /api/sessions/:id/feedback): staff. */
export async function changeFeedbackSettings(
  ctx: ServiceContext,
  viewer: Viewer | null,
  sessionId: string,
  input: FeedbackSettings,
): Promise<SessionFeedback> {
  const staff = requireAdmin(viewer);
  const room = await roomFor(ctx, staff, sessionId);
  const settings = { open: input.open ?? room.feedbackOpen, shared: input.shared ?? room.feedbackShared };
  if (!(await writeSessionSettings(ctx.db, room.id, input.version, settings))) {
    throw new AppError('conflict', 'audience.error.settings_changed');
  }
  return feedbackFor(ctx, staff, await roomFor(ctx, staff, sessionId));
}

// --- The event's settings -----------------------------------------------------------------

async function eventSettings(ctx: ServiceContext, slug: string) {
  const settings = await selectEventSettings(ctx.db, slug);
  if (!settings) throw notFound('error.not_found.event', { slug });
  return settings;
}

/** Whether questions wait for approval at an event (GET /api/events/:slug/audience): staff. */
export async function getAudienceSettings(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
): Promise<AudienceSettings> {
  requireAdmin(viewer);
  const { questionsNeedApproval, version } = await eventSettings(ctx, slug);
  return { questionsNeedApproval, version };
}

/** Let questions appear without approval at an event, or not (PATCH /api/events/:slug/audience): staff. */
export async function changeAudienceSettings(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
  input: AudienceSettingsChange,
): Promise<AudienceSettings> {
  requireAdmin(viewer);
  const { eventId } = await eventSettings(ctx, slug);
  if (!(await writeEventSettings(ctx.db, eventId, input.version, input.questionsNeedApproval))) {
    throw new AppError('conflict', 'audience.error.settings_changed');
  }
  return getAudienceSettings(ctx, viewer, slug);
}

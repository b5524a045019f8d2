import { Type } from 'typebox';
import {
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
  SessionFeedback,
} from '../../shared/api/audience.ts';
import { ErrorResponse, Slug, Uuid } from '../../shared/api/common.ts';

const tags = ['audience'];
const byId = Type.Object({ id: Uuid });
const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
};
const writeErrors = { ...errors, 409: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse };

export const listQuestionsSchema = {
  tags,
  summary: "A session's questions: approved ones for the room; the waiting and hidden ones too for its moderators",
  description:
    'Ordered pinned first, then unanswered by votes, then answered. An anonymous question carries no author; ' +
    'its moderators see who asked it (`askedBy`). Readable by whoever may see the session.',
  params: byId,
  response: { 200: QuestionList, ...errors },
};

export const askQuestionSchema = {
  tags,
  summary: 'Ask a question in a session (attendees of its event); it waits for approval unless the event says not',
  params: byId,
  body: QuestionRequest,
  response: { 201: Question, ...writeErrors },
};

export const voteQuestionSchema = {
  tags,
  summary: 'Upvote an approved question of someone else, or take the vote back (one vote per person)',
  params: byId,
  body: QuestionVoteRequest,
  response: { 200: Question, ...writeErrors },
};

export const moderateQuestionSchema = {
  tags,
  summary: 'Approve, hide, pin or mark a question answered (staff and the session’s moderators), at the version read',
  params: byId,
  body: QuestionModeration,
  response: { 200: Question, ...writeErrors },
};

export const listPollsSchema = {
  tags,
  summary: "A session's polls, newest first; results once shown (always for its moderators)",
  params: byId,
  response: { 200: PollList, ...errors },
};

export const openPollSchema = {
  tags,
  summary: 'Open a poll in a session (staff and the session’s moderators): single or multiple choice, in en and es',
  params: byId,
  body: PollRequest,
  response: { 201: Poll, ...writeErrors },
};

export const changePollSchema = {
  tags,
  summary: 'Close or reopen a poll, show or hide its results (staff and the session’s moderators), at the version read',
  params: byId,
  body: PollChange,
  response: { 200: Poll, ...writeErrors },
};

export const votePollSchema = {
  tags,
  summary: 'Vote in an open poll, or change the vote (attendees of the event; one ballot per person)',
  params: byId,
  body: PollVoteRequest,
  response: { 200: Poll, ...writeErrors },
};

export const feedbackSchema = {
  tags,
  summary: 'My rating of a session; the ratings of all for staff, and for its speakers once staff share them',
  params: byId,
  response: { 200: SessionFeedback, ...errors },
};

export const giveFeedbackSchema = {
  tags,
  summary: 'Rate a session I was at (1–5, an optional comment), once it has begun; rating again changes it',
  params: byId,
  body: FeedbackRequest,
  response: { 200: SessionFeedback, ...writeErrors },
};

export const feedbackSettingsSchema = {
  tags,
  summary: "Open or close a session's feedback, share its ratings with its speakers (staff)",
  params: byId,
  body: FeedbackSettings,
  response: { 200: SessionFeedback, ...writeErrors },
};

export const audienceSettingsSchema = {
  tags,
  summary: "Whether an event's questions wait for a moderator's approval (staff)",
  params: Type.Object({ slug: Slug }),
  response: { 200: AudienceSettings, ...errors },
};

export const changeAudienceSettingsSchema = {
  tags,
  summary: "Let an event's questions appear without approval, or not (staff), at the version read",
  params: Type.Object({ slug: Slug }),
  body: AudienceSettingsChange,
  response: { 200: AudienceSettings, ...writeErrors },
};

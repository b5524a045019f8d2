import { type Static, Type } from 'typebox';
import { Int, StringEnum, Text } from '../schema-helpers.ts';
import { LocalizedText, Uuid } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * A question waits for a moderator (`pending`) unless the event lets questions
 * appear at once; a moderator approves it or hides it (and may bring it back).
 */
export const QUESTION_STATUSES = ['pending', 'approved', 'hidden'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const POLL_KINDS = ['single', 'multiple'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

export const POLL_STATUSES = ['open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

export const QUESTION_MAX_LENGTH = 280;
export const POLL_MAX_OPTIONS = 8;
/** How many questions the stage screen shows: what people at the back can still read. */
export const STAGE_QUESTIONS = 4;

// --- Questions -----------------------------------------------------------------

export const QuestionRequest = Type.Object(
  {
    text: Text({ minLength: 3, maxLength: QUESTION_MAX_LENGTH, description: 'The question, as typed' }),
    anonymous: Type.Optional(
      Type.Boolean({ description: 'Hide my name from other attendees (moderators still see it)', default: false }),
    ),
  },
  { additionalProperties: false },
);
export type QuestionRequest = Static<typeof QuestionRequest>;

export const QuestionVoteRequest = Type.Object(
  { voted: Type.Boolean({ description: 'true to upvote, false to take my vote back' }) },
  { additionalProperties: false },
);
export type QuestionVoteRequest = Static<typeof QuestionVoteRequest>;

export const QuestionModeration = Type.Object(
  {
    version: Int({ minimum: 1, description: 'The version the moderator read; a concurrent change is a 409' }),
    status: Type.Optional(StringEnum(QUESTION_STATUSES)),
    pinned: Type.Optional(Type.Boolean()),
    answered: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type QuestionModeration = Static<typeof QuestionModeration>;

/** A question as everyone in the room sees it. `author` is null when asked anonymously. */
export const PublicQuestion = Type.Object({
  id: Uuid,
  sessionId: Uuid,
  text: Type.String(),
  author: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  status: StringEnum(QUESTION_STATUSES),
  pinned: Type.Boolean(),
  answered: Type.Boolean(),
  votes: Type.Integer(),
  askedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
});
export type PublicQuestion = Static<typeof PublicQuestion>;

/**
 * A question as one viewer sees it: whether it is theirs and whether they
 * upvoted it; a moderator also sees who asked an anonymous question
 * (`askedBy`), for handling abuse (decision 0038).
 */
export const Question = Type.Object({
  ...PublicQuestion.properties,
  anonymous: Type.Boolean(),
  mine: Type.Boolean(),
  voted: Type.Boolean(),
  askedBy: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
});
export type Question = Static<typeof Question>;

/** What a viewer may do in a session's room. */
export const RoomRights = Type.Object({
  ask: Type.Boolean(),
  moderate: Type.Boolean(),
  /** Whether this viewer may rate the session now (attended it, it has begun, feedback is open). */
  rate: Type.Boolean(),
});
export type RoomRights = Static<typeof RoomRights>;

export const QuestionList = Type.Object({
  session: Type.Object({
    id: Uuid,
    eventSlug: Type.String(),
    title: LocalizedText,
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
  }),
  rights: RoomRights,
  /** Whether new questions appear before a moderator approved them (an event setting). */
  questionsNeedApproval: Type.Boolean(),
  /** Pinned first, then unanswered by votes, then answered; pending and hidden ones only to moderators and their authors. */
  items: Type.Array(Question),
});
export type QuestionList = Static<typeof QuestionList>;

// --- Polls ---------------------------------------------------------------------

export const PollRequest = Type.Object(
  {
    kind: StringEnum(POLL_KINDS),
    question: Type.Object(
      {
        en: Text({ minLength: 1, maxLength: 200 }),
        es: Type.Optional(Text({ maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
    options: Type.Array(
      Type.Object(
        {
          en: Text({ minLength: 1, maxLength: 100 }),
          es: Type.Optional(Text({ maxLength: 100 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 2, maxItems: POLL_MAX_OPTIONS },
    ),
  },
  { additionalProperties: false },
);
export type PollRequest = Static<typeof PollRequest>;

export const PollChange = Type.Object(
  {
    version: Int({ minimum: 1 }),
    status: Type.Optional(StringEnum(POLL_STATUSES)),
    resultsShown: Type.Optional(Type.Boolean({ description: 'Show the results on the stage screen and on phones' })),
  },
  { additionalProperties: false },
);
export type PollChange = Static<typeof PollChange>;

export const PollVoteRequest = Type.Object(
  {
    options: Type.Array(Uuid, {
      minItems: 1,
      maxItems: POLL_MAX_OPTIONS,
      uniqueItems: true,
      description: 'The chosen options (exactly one in a single-choice poll)',
    }),
  },
  { additionalProperties: false },
);
export type PollVoteRequest = Static<typeof PollVoteRequest>;

/** A poll as the room sees it; `votes` of each option and `voters` are null until results are shown. */
export const PublicPoll = Type.Object({
  id: Uuid,
  sessionId: Uuid,
  kind: StringEnum(POLL_KINDS),
  status: StringEnum(POLL_STATUSES),
  resultsShown: Type.Boolean(),
  question: LocalizedText,
  options: Type.Array(Type.Object({ id: Uuid, label: LocalizedText, votes: Nullable(Type.Integer()) })),
  /** People who voted; always known (it is no result). */
  voters: Type.Integer(),
  version: Type.Integer(),
});
export type PublicPoll = Static<typeof PublicPoll>;

export const Poll = Type.Object({ ...PublicPoll.properties, myChoice: Type.Array(Uuid) });
export type Poll = Static<typeof Poll>;

export const PollList = Type.Object({ items: Type.Array(Poll) });
export type PollList = Static<typeof PollList>;

// --- Feedback ------------------------------------------------------------------

export const FeedbackRequest = Type.Object(
  {
    rating: Int({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Text({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type FeedbackRequest = Static<typeof FeedbackRequest>;

export const FeedbackSettings = Type.Object(
  {
    version: Int({ minimum: 0, description: 'The version read (0 while the session still has its defaults)' }),
    open: Type.Optional(Type.Boolean({ description: 'Attendees may rate the session' })),
    shared: Type.Optional(
      Type.Boolean({ description: 'The session’s speakers see the ratings (never who gave them)' }),
    ),
  },
  { additionalProperties: false },
);
export type FeedbackSettings = Static<typeof FeedbackSettings>;

export const FeedbackSummary = Type.Object({
  count: Type.Integer(),
  average: Nullable(Type.Number()),
  /** How many gave 1, 2, 3, 4 and 5. */
  ratings: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }),
  /** Comments, newest first, without names: staff only. */
  comments: Nullable(Type.Array(Type.String())),
});
export type FeedbackSummary = Static<typeof FeedbackSummary>;

export const SessionFeedback = Type.Object({
  sessionId: Uuid,
  open: Type.Boolean(),
  shared: Type.Boolean(),
  version: Type.Integer(),
  canRate: Type.Boolean(),
  mine: Nullable(Type.Object({ rating: Type.Integer(), comment: Nullable(Type.String()) })),
  /** Staff always; the session's speakers once staff share it; nobody else. */
  summary: Nullable(FeedbackSummary),
});
export type SessionFeedback = Static<typeof SessionFeedback>;

export const AudienceSettings = Type.Object({
  version: Type.Integer(),
  questionsNeedApproval: Type.Boolean(),
});
export type AudienceSettings = Static<typeof AudienceSettings>;

export const AudienceSettingsChange = Type.Object(
  {
    version: Int({ minimum: 0, description: 'The version read (0 while the event still has its defaults)' }),
    questionsNeedApproval: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type AudienceSettingsChange = Static<typeof AudienceSettingsChange>;

// --- Live messages ---------------------------------------------------------------

/** `room-question`: a question of a public session changed (asked, approved, voted, pinned…); `removed` when hidden. */
export const RoomQuestionMessage = Type.Object({
  sessionId: Uuid,
  question: Nullable(PublicQuestion),
  removed: Nullable(Uuid),
});
export type RoomQuestionMessage = Static<typeof RoomQuestionMessage>;

/** `room-poll`: a poll of a public session, as the room sees it (results only once shown). */
export const RoomPollMessage = Type.Object({ sessionId: Uuid, poll: PublicPoll });
export type RoomPollMessage = Static<typeof RoomPollMessage>;

/**
 * `room-changed`: something in a session's room changed that this message
 * does not carry (a question waiting for moderation, anything of a session
 * not open to the public): pages that show it read it again.
 */
export const RoomChangedMessage = Type.Object({
  sessionId: Uuid,
  what: StringEnum(['questions', 'polls'] as const),
  /** The room already got the change (a public session): only moderators' pages, which show more, read again. */
  moderatorsOnly: Type.Boolean(),
});
export type RoomChangedMessage = Static<typeof RoomChangedMessage>;

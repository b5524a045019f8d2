import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { POLL_KINDS, POLL_STATUSES, QUESTION_STATUSES } from '../../shared/api/audience.ts';
import { users } from '../accounts/tables.ts';
import { people } from '../directory/tables.ts';
import { events, sessions } from '../programme/tables.ts';

/** What staff decide for an event's rooms; an event without a row keeps the defaults. */
export const audienceEventSettings = pgTable('audience_event_settings', {
  eventId: uuid('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  questionsNeedApproval: boolean('questions_need_approval').notNull().default(true),
  version: integer('version').notNull().default(1),
});

/** What staff decide for one session's feedback; a session without a row keeps the defaults. */
export const audienceSessionSettings = pgTable('audience_session_settings', {
  sessionId: uuid('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  feedbackOpen: boolean('feedback_open').notNull().default(true),
  feedbackShared: boolean('feedback_shared').notNull().default(false),
  version: integer('version').notNull().default(1),
});

/**
 * A question asked in a session. The author is always kept, also when the
 * question is anonymous: other attendees never see who asked it, moderators
 * do (decision 0038). `votes` is the count of its rows in question_votes,
 * kept in the same transaction as each vote.
 */
export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    authorPersonId: uuid('author_person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    anonymous: boolean('anonymous').notNull().default(false),
    status: text('status', { enum: QUESTION_STATUSES }).notNull().default('pending'),
    pinned: boolean('pinned').notNull().default(false),
    answered: boolean('answered').notNull().default(false),
    votes: integer('votes').notNull().default(0),
    version: integer('version').notNull().default(1),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    moderatedBy: uuid('moderated_by').references(() => users.id, { onDelete: 'set null' }),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
  },
  (t) => [
    index('questions_session_idx').on(t.sessionId, t.status),
    index('questions_author_idx').on(t.authorPersonId),
    check('questions_status_check', sql`${t.status} in ('pending', 'approved', 'hidden')`),
  ],
);

/** One upvote per person per question: the primary key is the rule. */
export const questionVotes = pgTable(
  'question_votes',
  {
    questionId: uuid('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    votedAt: timestamp('voted_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.personId] }), index('question_votes_person_idx').on(t.personId)],
);

export const polls = pgTable(
  'polls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: POLL_KINDS }).notNull(),
    status: text('status', { enum: POLL_STATUSES }).notNull().default('open'),
    resultsShown: boolean('results_shown').notNull().default(false),
    questionEn: text('question_en').notNull(),
    questionEs: text('question_es'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('polls_session_idx').on(t.sessionId),
    check('polls_kind_check', sql`${t.kind} in ('single', 'multiple')`),
    check('polls_status_check', sql`${t.status} in ('open', 'closed')`),
  ],
);

export const pollOptions = pgTable(
  'poll_options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    labelEn: text('label_en').notNull(),
    labelEs: text('label_es'),
  },
  (t) => [index('poll_options_poll_idx').on(t.pollId, t.position)],
);

/** One ballot per person per poll (the primary key); changing one's choice rewrites it while the poll is open. */
export const pollBallots = pgTable(
  'poll_ballots',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    optionIds: uuid('option_ids').array().notNull(),
    votedAt: timestamp('voted_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.personId] }), index('poll_ballots_person_idx').on(t.personId)],
);

/** One rating per person per session, changed by rating again. */
export const sessionFeedback = pgTable(
  'session_feedback',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    rating: smallint('rating').notNull(),
    comment: text('comment'),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.personId] }),
    index('session_feedback_person_idx').on(t.personId),
    check('session_feedback_rating_check', sql`${t.rating} between 1 and 5`),
  ],
);

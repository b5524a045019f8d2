import { type SQL, sql } from 'drizzle-orm';
import type { PollKind, PollStatus, QuestionStatus } from '../../shared/api/audience.ts';
import type { SessionVisibility } from '../../shared/domain.ts';
import { type Queryable, rows } from '../db/client.ts';

// --- The room: a session and what the viewer is to it ----------------------------------

export interface RoomRow {
  id: string;
  eventId: string;
  eventSlug: string;
  titleEn: string;
  titleEs: string | null;
  startsAt: Date | string;
  endsAt: Date | string;
  visibility: SessionVisibility;
  questionsNeedApproval: boolean;
  feedbackOpen: boolean;
  feedbackShared: boolean;
  feedbackVersion: number;
  /** The viewer's person attends the session's event. */
  attending: boolean;
  /** The viewer's person moderates the session (a speaker with the part `moderator`). */
  moderatorHere: boolean;
  /** The viewer's person speaks in the session, in any part. */
  speakerHere: boolean;
  /** The viewer's person had a confirmed seat, was checked in, or their delegation was assigned to it. */
  attended: boolean;
}

/** The session of a room with the viewer's standing in it; undefined when there is no such session. */
export async function selectRoom(db: Queryable, sessionId: string, personId: string | null) {
  const about = (fact: SQL) => (personId ? fact : sql`false`);
  const [row] = await rows<RoomRow>(
    db,
    sql`select s.id, s.event_id as "eventId", e.slug as "eventSlug", s.title_en as "titleEn", s.title_es as "titleEs",
               s.starts_at as "startsAt", s.ends_at as "endsAt", s.visibility,
               coalesce(es.questions_need_approval, true) as "questionsNeedApproval",
               coalesce(ss.feedback_open, true) as "feedbackOpen",
               coalesce(ss.feedback_shared, false) as "feedbackShared",
               coalesce(ss.version, 0) as "feedbackVersion",
               ${about(sql`exists (select 1 from attendances a where a.event_id = s.event_id and a.person_id = ${personId})`)} as attending,
               ${about(sql`exists (select 1 from session_speakers sp where sp.session_id = s.id and sp.person_id = ${personId} and sp.part = 'moderator')`)} as "moderatorHere",
               ${about(sql`exists (select 1 from session_speakers sp where sp.session_id = s.id and sp.person_id = ${personId})`)} as "speakerHere",
               ${about(
                 sql`(exists (select 1 from rsvps r where r.session_id = s.id and r.person_id = ${personId} and r.status = 'confirmed')
                     or exists (select 1 from check_ins c where c.session_id = s.id and c.person_id = ${personId} and c.outcome = 'checked_in')
                     or exists (select 1 from session_assignments sa join attendances a on a.delegation_id = sa.delegation_id
                                where sa.session_id = s.id and a.person_id = ${personId}))`,
               )} as attended
        from sessions s
        join events e on e.id = s.event_id
        left join audience_event_settings es on es.event_id = s.event_id
        left join audience_session_settings ss on ss.session_id = s.id
        where s.id = ${sessionId}`,
  );
  return row;
}

export async function selectEventSettings(db: Queryable, slug: string) {
  const [row] = await rows<{ eventId: string; questionsNeedApproval: boolean; version: number }>(
    db,
    sql`select e.id as "eventId", coalesce(es.questions_need_approval, true) as "questionsNeedApproval",
               coalesce(es.version, 0) as version
        from events e left join audience_event_settings es on es.event_id = e.id
        where e.slug = ${slug}`,
  );
  return row;
}

/** Writes the event's settings if they are still at `version` (0: never written); false when they moved on. */
export async function writeEventSettings(db: Queryable, eventId: string, version: number, needApproval: boolean) {
  const written =
    version === 0
      ? await rows<{ version: number }>(
          db,
          sql`insert into audience_event_settings (event_id, questions_need_approval) values (${eventId}, ${needApproval})
              on conflict (event_id) do nothing returning version`,
        )
      : await rows<{ version: number }>(
          db,
          sql`update audience_event_settings set questions_need_approval = ${needApproval}, version = version + 1
              where event_id = ${eventId} and version = ${version} returning version`,
        );
  return written.length > 0;
}

export async function writeSessionSettings(
  db: Queryable,
  sessionId: string,
  version: number,
  settings: { open: boolean; shared: boolean },
) {
  const written =
    version === 0
      ? await rows<{ version: number }>(
          db,
          sql`insert into audience_session_settings (session_id, feedback_open, feedback_shared)
              values (${sessionId}, ${settings.open}, ${settings.shared})
              on conflict (session_id) do nothing returning version`,
        )
      : await rows<{ version: number }>(
          db,
          sql`update audience_session_settings
              set feedback_open = ${settings.open}, feedback_shared = ${settings.shared}, version = version + 1
              where session_id = ${sessionId} and version = ${version} returning version`,
        );
  return written.length > 0;
}

// --- Questions ---------------------------------------------------------------------------

export interface QuestionRow {
  id: string;
  sessionId: string;
  text: string;
  anonymous: boolean;
  status: QuestionStatus;
  pinned: boolean;
  answered: boolean;
  votes: number;
  version: number;
  askedAt: Date | string;
  authorId: string;
  authorName: string;
  voted: boolean;
}

const questionColumns = (personId: string | null) => sql`
  q.id, q.session_id as "sessionId", q.text, q.anonymous, q.status, q.pinned, q.answered, q.votes, q.version,
  q.asked_at as "askedAt", q.author_person_id as "authorId", p.name as "authorName",
  ${personId ? sql`exists (select 1 from question_votes v where v.question_id = q.id and v.person_id = ${personId})` : sql`false`} as voted`;

/** Pinned first, then open questions by votes (earliest first among equals), then the answered ones. */
const questionOrder = sql`order by q.pinned desc, q.answered asc, q.votes desc, q.asked_at asc, q.id`;

/**
 * A session's questions as one viewer may see them: every one for a
 * moderator; otherwise the approved ones and the viewer's own.
 */
export async function selectQuestions(
  db: Queryable,
  sessionId: string,
  personId: string | null,
  everything: boolean,
): Promise<QuestionRow[]> {
  const shown = everything
    ? sql`true`
    : personId
      ? sql`(q.status = 'approved' or q.author_person_id = ${personId})`
      : sql`q.status = 'approved'`;
  return rows<QuestionRow>(
    db,
    sql`select ${questionColumns(personId)} from questions q join people p on p.id = q.author_person_id
        where q.session_id = ${sessionId} and ${shown} ${questionOrder}`,
  );
}

export async function selectQuestion(db: Queryable, id: string, personId: string | null) {
  const [row] = await rows<QuestionRow>(
    db,
    sql`select ${questionColumns(personId)} from questions q join people p on p.id = q.author_person_id where q.id = ${id}`,
  );
  return row;
}

export async function insertQuestion(
  db: Queryable,
  row: { sessionId: string; personId: string; text: string; anonymous: boolean; status: QuestionStatus; at: Date },
) {
  const [inserted] = await rows<{ id: string }>(
    db,
    sql`insert into questions (session_id, author_person_id, text, anonymous, status, asked_at)
        values (${row.sessionId}, ${row.personId}, ${row.text}, ${row.anonymous}, ${row.status}, ${row.at.toISOString()})
        returning id`,
  );
  return (inserted as { id: string }).id;
}

/** How many questions a person asked in a session since a moment: a brake on flooding. */
export async function countQuestionsSince(db: Queryable, sessionId: string, personId: string, since: Date) {
  const [row] = await rows<{ count: number }>(
    db,
    sql`select count(*)::int as count from questions
        where session_id = ${sessionId} and author_person_id = ${personId} and asked_at > ${since.toISOString()}`,
  );
  return row?.count ?? 0;
}

/** Adds the person's vote; true when it was not there yet (and the count went up). */
export async function addQuestionVote(db: Queryable, questionId: string, personId: string, at: Date) {
  const [row] = await rows<{ votes: number }>(
    db,
    sql`with added as (
          insert into question_votes (question_id, person_id, voted_at) values (${questionId}, ${personId}, ${at.toISOString()})
          on conflict do nothing returning question_id
        )
        update questions set votes = votes + 1 where id in (select question_id from added) returning votes`,
  );
  return row !== undefined;
}

/** Takes the person's vote back; true when there was one (and the count went down). */
export async function removeQuestionVote(db: Queryable, questionId: string, personId: string) {
  const [row] = await rows<{ votes: number }>(
    db,
    sql`with removed as (
          delete from question_votes where question_id = ${questionId} and person_id = ${personId} returning question_id
        )
        update questions set votes = votes - 1 where id in (select question_id from removed) returning votes`,
  );
  return row !== undefined;
}

/** The session a question belongs to (for the room's rules); undefined when there is no such question. */
export async function selectQuestionSession(db: Queryable, questionId: string) {
  const [row] = await rows<{ sessionId: string; status: QuestionStatus; authorId: string }>(
    db,
    sql`select session_id as "sessionId", status, author_person_id as "authorId" from questions where id = ${questionId}`,
  );
  return row;
}

/** Moderates a question if it is still at `version`; false when someone changed it meanwhile. */
export async function moderateQuestion(
  db: Queryable,
  id: string,
  version: number,
  change: { status?: QuestionStatus; pinned?: boolean; answered?: boolean },
  by: string,
  at: Date,
) {
  const updated = await rows<{ id: string }>(
    db,
    sql`update questions set
          status = coalesce(${change.status ?? null}, status),
          pinned = coalesce(${change.pinned ?? null}::boolean, pinned),
          answered = coalesce(${change.answered ?? null}::boolean, answered),
          version = version + 1, moderated_by = ${by}, moderated_at = ${at.toISOString()}
        where id = ${id} and version = ${version} returning id`,
  );
  return updated.length > 0;
}

export async function countPending(db: Queryable, sessionId: string) {
  const [row] = await rows<{ count: number }>(
    db,
    sql`select count(*)::int as count from questions where session_id = ${sessionId} and status = 'pending'`,
  );
  return row?.count ?? 0;
}

// --- Polls -------------------------------------------------------------------------------

export interface PollRow {
  id: string;
  sessionId: string;
  kind: PollKind;
  status: PollStatus;
  resultsShown: boolean;
  questionEn: string;
  questionEs: string | null;
  version: number;
  voters: number;
  myChoice: string[] | null;
}

export interface PollOptionRow {
  id: string;
  pollId: string;
  labelEn: string;
  labelEs: string | null;
  votes: number;
}

const pollColumns = (personId: string | null) => sql`
  p.id, p.session_id as "sessionId", p.kind, p.status, p.results_shown as "resultsShown",
  p.question_en as "questionEn", p.question_es as "questionEs", p.version,
  (select count(*)::int from poll_ballots b where b.poll_id = p.id) as voters,
  ${personId ? sql`(select b.option_ids::text[] from poll_ballots b where b.poll_id = p.id and b.person_id = ${personId})` : sql`null::text[]`} as "myChoice"`;

/** A session's polls, newest first. */
export async function selectPolls(db: Queryable, sessionId: string, personId: string | null) {
  return rows<PollRow>(
    db,
    sql`select ${pollColumns(personId)} from polls p where p.session_id = ${sessionId} order by p.created_at desc, p.id`,
  );
}

export async function selectPoll(db: Queryable, id: string, personId: string | null) {
  const [row] = await rows<PollRow>(db, sql`select ${pollColumns(personId)} from polls p where p.id = ${id}`);
  return row;
}

/** The options of some polls with their votes, counted from the ballots, in order. */
export async function selectPollOptions(db: Queryable, pollIds: string[]) {
  if (pollIds.length === 0) return [];
  return rows<PollOptionRow>(
    db,
    sql`select o.id, o.poll_id as "pollId", o.label_en as "labelEn", o.label_es as "labelEs",
               (select count(*)::int from poll_ballots b where b.poll_id = o.poll_id and o.id = any(b.option_ids)) as votes
        from poll_options o where o.poll_id in (${sql.join(
          pollIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        order by o.poll_id, o.position`,
  );
}

export async function insertPoll(
  db: Queryable,
  poll: {
    sessionId: string;
    kind: PollKind;
    questionEn: string;
    questionEs: string | null;
    createdBy: string;
    at: Date;
    options: { en: string; es: string | null }[];
  },
) {
  const [row] = await rows<{ id: string }>(
    db,
    sql`insert into polls (session_id, kind, question_en, question_es, created_by, created_at)
        values (${poll.sessionId}, ${poll.kind}, ${poll.questionEn}, ${poll.questionEs}, ${poll.createdBy}, ${poll.at.toISOString()})
        returning id`,
  );
  const id = (row as { id: string }).id;
  await db.execute(
    sql`insert into poll_options (poll_id, position, label_en, label_es) values ${sql.join(
      poll.options.map((option, position) => sql`(${id}, ${position}, ${option.en}, ${option.es})`),
      sql`, `,
    )}`,
  );
  return id;
}

export async function changePoll(
  db: Queryable,
  id: string,
  version: number,
  change: { status?: PollStatus; resultsShown?: boolean },
) {
  const updated = await rows<{ id: string }>(
    db,
    sql`update polls set
          status = coalesce(${change.status ?? null}, status),
          results_shown = coalesce(${change.resultsShown ?? null}::boolean, results_shown),
          version = version + 1
        where id = ${id} and version = ${version} returning id`,
  );
  return updated.length > 0;
}

/**
 * Casts or changes a person's ballot, in one statement, only while the poll
 * is open and only with options of this poll; false when refused. The
 * primary key keeps one ballot per person however many requests race.
 */
export async function castBallot(db: Queryable, pollId: string, personId: string, optionIds: string[], at: Date) {
  const ids = sql`array[${sql.join(
    optionIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const written = await rows<{ pollId: string }>(
    db,
    sql`insert into poll_ballots (poll_id, person_id, option_ids, voted_at)
        select p.id, ${personId}, ${ids}, ${at.toISOString()} from polls p
        where p.id = ${pollId} and p.status = 'open'
          and (select count(*) from poll_options o where o.poll_id = p.id and o.id = any(${ids})) = ${optionIds.length}
        on conflict (poll_id, person_id) do update set option_ids = excluded.option_ids, voted_at = excluded.voted_at
        returning poll_id as "pollId"`,
  );
  return written.length > 0;
}

// --- Feedback ----------------------------------------------------------------------------

export async function selectMyFeedback(db: Queryable, sessionId: string, personId: string) {
  const [row] = await rows<{ rating: number; comment: string | null }>(
    db,
    sql`select rating::int as rating, comment from session_feedback where session_id = ${sessionId} and person_id = ${personId}`,
  );
  return row;
}

export async function upsertFeedback(
  db: Queryable,
  row: { sessionId: string; personId: string; rating: number; comment: string | null; at: Date },
) {
  await db.execute(
    sql`insert into session_feedback (session_id, person_id, rating, comment, given_at)
        values (${row.sessionId}, ${row.personId}, ${row.rating}, ${row.comment}, ${row.at.toISOString()})
        on conflict (session_id, person_id) do update
        set rating = excluded.rating, comment = excluded.comment, given_at = excluded.given_at`,
  );
}

export async function selectFeedbackSummary(db: Queryable, sessionId: string) {
  const ratings = await rows<{ rating: number; count: number }>(
    db,
    sql`select rating::int as rating, count(*)::int as count from session_feedback
        where session_id = ${sessionId} group by rating`,
  );
  const comments = await rows<{ comment: string }>(
    db,
    sql`select comment from session_feedback where session_id = ${sessionId} and comment is not null
        order by given_at desc limit 200`,
  );
  return { ratings, comments: comments.map((row) => row.comment) };
}

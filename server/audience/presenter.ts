import type { FeedbackSummary, Poll, PublicPoll, PublicQuestion, Question } from '../../shared/api/audience.ts';
import type { PollOptionRow, PollRow, QuestionRow } from './queries.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

/** A question as anyone in the room sees it: no name when it was asked anonymously. */
export const presentPublicQuestion = (row: QuestionRow): PublicQuestion => ({
  id: row.id,
  sessionId: row.sessionId,
  text: row.text,
  author: row.anonymous ? null : { id: row.authorId, name: row.authorName },
  status: row.status,
  pinned: row.pinned,
  answered: row.answered,
  votes: row.votes,
  askedAt: iso(row.askedAt),
  version: row.version,
});

/** A question for one viewer; a moderator also learns who asked it (decision 0038). */
export const presentQuestion = (row: QuestionRow, personId: string | null, moderator: boolean): Question => ({
  ...presentPublicQuestion(row),
  anonymous: row.anonymous,
  mine: personId !== null && row.authorId === personId,
  voted: row.voted,
  askedBy: moderator ? { id: row.authorId, name: row.authorName } : null,
});

/** A poll; each option's votes only once the results are shown, or to a moderator. */
export function presentPublicPoll(row: PollRow, options: PollOptionRow[], withResults: boolean): PublicPoll {
  const results = withResults || row.resultsShown;
  return {
    id: row.id,
    sessionId: row.sessionId,
    kind: row.kind,
    status: row.status,
    resultsShown: row.resultsShown,
    question: { en: row.questionEn, es: row.questionEs },
    options: options
      .filter((option) => option.pollId === row.id)
      .map((option) => ({
        id: option.id,
        label: { en: option.labelEn, es: option.labelEs },
        votes: results ? option.votes : null,
      })),
    voters: row.voters,
    version: row.version,
  };
}

export const presentPoll = (row: PollRow, options: PollOptionRow[], moderator: boolean): Poll => ({
  ...presentPublicPoll(row, options, moderator),
  myChoice: row.myChoice ?? [],
});

export function presentSummary(
  ratings: { rating: number; count: number }[],
  comments: string[] | null,
): FeedbackSummary {
  const counts = [1, 2, 3, 4, 5].map((rating) => ratings.find((row) => row.rating === rating)?.count ?? 0);
  const count = counts.reduce((sum, n) => sum + n, 0);
  const total = counts.reduce((sum, n, i) => sum + n * (i + 1), 0);
  return { count, average: count === 0 ? null : Math.round((total / count) * 10) / 10, ratings: counts, comments };
}

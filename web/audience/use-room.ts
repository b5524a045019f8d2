import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  Poll,
  PollList,
  PublicQuestion,
  Question,
  QuestionList,
  RoomChangedMessage,
  RoomPollMessage,
  RoomQuestionMessage,
} from '../../shared/api/audience.ts';
import { type ApiError, apiGet } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useLive } from '../live/use-live.ts';

/** The room's order: pinned first, then open questions by votes (earliest first among equals), then answered. */
export function inRoomOrder<T extends PublicQuestion>(items: T[]): T[] {
  return [...items].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      Number(a.answered) - Number(b.answered) ||
      b.votes - a.votes ||
      a.askedAt.localeCompare(b.askedAt) ||
      a.id.localeCompare(b.id),
  );
}

/** A question that arrived live, as this viewer sees it: what only the page's own read knows is kept. */
function merged(known: Question | undefined, incoming: PublicQuestion): Question {
  return {
    anonymous: incoming.author === null,
    mine: false,
    voted: false,
    askedBy: null,
    ...known,
    ...incoming,
  };
}

export interface Room {
  questions: QuestionList | undefined;
  polls: Poll[] | undefined;
  error: ApiError | undefined;
  live: string;
  reload(): void;
  /** Put a question or poll the server just answered with in place (a vote, a moderation). */
  putQuestion(question: Question): void;
  putPoll(poll: Poll): void;
}

/**
 * A session's questions and polls, kept current from the event's live
 * channel: a question or poll of a public session arrives whole and is
 * merged; a notice (a session not open to all, or a moderator's queue) makes
 * the page read the room again.
 */
export function useRoom(slug: string, sessionId: string): Room {
  const { language } = useI18n();
  const [questions, setQuestions] = useState<QuestionList | undefined>();
  const [polls, setPolls] = useState<Poll[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const moderator = useRef(false);
  moderator.current = questions?.rights.moderate ?? false;

  const loadQuestions = useCallback(() => {
    apiGet<QuestionList>(`/api/sessions/${sessionId}/questions`, language).then(
      (data) => {
        setQuestions(data);
        setError(undefined);
      },
      (e: ApiError) => setError(e),
    );
  }, [sessionId, language]);
  const loadPolls = useCallback(() => {
    apiGet<PollList>(`/api/sessions/${sessionId}/polls`, language).then(
      (data) => setPolls(data.items),
      (e: ApiError) => setError(e),
    );
  }, [sessionId, language]);
  const reload = useCallback(() => {
    loadQuestions();
    loadPolls();
  }, [loadQuestions, loadPolls]);
  useEffect(reload, [reload]);

  const putQuestion = useCallback((question: Question) => {
    setQuestions((current) =>
      current
        ? { ...current, items: inRoomOrder([...current.items.filter((q) => q.id !== question.id), question]) }
        : current,
    );
  }, []);
  const putPoll = useCallback((poll: Poll) => {
    setPolls((current) => (current ? current.map((p) => (p.id === poll.id ? poll : p)) : current));
  }, []);

  const { status } = useLive(slug, {
    // On connect and after the server lost track: read the room afresh.
    hello: reload,
    resync: reload,
    'room-question': (data) => {
      const message = data as RoomQuestionMessage;
      if (message.sessionId !== sessionId) return;
      setQuestions((current) => {
        if (!current) return current;
        if (message.removed) {
          // A moderator keeps hidden questions in view (the notice that follows reads them again).
          if (moderator.current) return current;
          return { ...current, items: current.items.filter((q) => q.id !== message.removed) };
        }
        const incoming = message.question as PublicQuestion;
        const known = current.items.find((q) => q.id === incoming.id);
        if (known && known.version > incoming.version) return current;
        return {
          ...current,
          items: inRoomOrder([...current.items.filter((q) => q.id !== incoming.id), merged(known, incoming)]),
        };
      });
    },
    'room-poll': (data) => {
      const message = data as RoomPollMessage;
      if (message.sessionId !== sessionId) return;
      // A moderator sees counts the room does not: read them.
      if (moderator.current) {
        loadPolls();
        return;
      }
      setPolls((current) => {
        if (!current) return current;
        const known = current.find((p) => p.id === message.poll.id);
        const poll: Poll = { ...message.poll, myChoice: known?.myChoice ?? [] };
        return known ? current.map((p) => (p.id === poll.id ? poll : p)) : [poll, ...current];
      });
    },
    'room-changed': (data) => {
      const message = data as RoomChangedMessage;
      if (message.sessionId !== sessionId) return;
      if (message.moderatorsOnly && !moderator.current) return;
      if (message.what === 'questions') loadQuestions();
      else loadPolls();
    },
  });

  return { questions, polls, error, live: status, reload, putQuestion, putPoll };
}

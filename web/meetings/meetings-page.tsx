import { type FormEvent, useId, useState } from 'react';
import { Link } from 'wouter';
import type {
  Availability,
  MatchList,
  Meeting,
  MeetingAction,
  MeetingList,
  MeetingPerson,
  MeetingSpaceList,
} from '../../shared/api/meetings.ts';
import type { EventDetail } from '../../shared/api/programme.ts';
import { apiWrite, useApi, WriteError } from '../api.ts';
import { formatDateTime, formatTimeRange } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import './meetings.css';

/** Suggestions shown before "show more": the page stays one thumb long. */
const FIRST_MATCHES = 5;

interface SlotChoice {
  id: string;
  startsAt: string;
  endsAt: string;
  label: string;
}

/** Every slot of the event's spaces, labelled in the event's zone. */
function useSlots(slug: string, zone: string) {
  const { language } = useI18n();
  const spaces = useApi<MeetingSpaceList>(`/api/events/${slug}/meeting-spaces`);
  const slots: SlotChoice[] = (spaces.data?.items ?? []).flatMap((space) =>
    space.slots.map((slot) => ({
      id: slot.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      label: `${formatDateTime(slot.startsAt, language, zone)} · ${space.name}`,
    })),
  );
  slots.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return { slots, reload: spaces.reload };
}

function Person({ person }: { person: MeetingPerson }) {
  return (
    <span className="meeting__person">
      <Link href={`/people/${person.id}`}>{person.name}</Link>
      {person.organization || person.country ? (
        <span className="meeting__from"> · {[person.organization, person.country].filter(Boolean).join(', ')}</span>
      ) : null}
    </span>
  );
}

/** Slots to tick: those on offer for an answer, or all of the event's for a request or a counter-proposal. */
function SlotPicker({
  slots,
  chosen,
  setChosen,
  single,
  legend,
}: {
  slots: SlotChoice[];
  chosen: string[];
  setChosen: (ids: string[]) => void;
  single?: boolean;
  legend: string;
}) {
  const name = useId();
  const now = Date.now();
  return (
    <fieldset className="meeting__slots">
      <legend>{legend}</legend>
      {slots
        .filter((slot) => Date.parse(slot.startsAt) > now)
        .map((slot) => (
          <label key={slot.id} className="meeting__slot">
            <input
              type={single ? 'radio' : 'checkbox'}
              name={name}
              value={slot.id}
              checked={chosen.includes(slot.id)}
              onChange={(e) =>
                setChosen(
                  single ? [slot.id] : e.target.checked ? [...chosen, slot.id] : chosen.filter((id) => id !== slot.id),
                )
              }
            />
            <span>{slot.label}</span>
          </label>
        ))}
    </fieldset>
  );
}

/** /events/:slug/meetings — my requests, my confirmed meetings, whom to meet, and when I am free. */
export function MeetingsPage({ slug }: { slug: string }) {
  const { t, text, language } = useI18n();
  const event = useApi<EventDetail>(`/api/events/${slug}`);
  const zone = event.data?.timeZone ?? 'UTC';
  const mine = useApi<MeetingList>(`/api/me/meetings?event=${slug}`);
  const matches = useApi<MatchList>(`/api/events/${slug}/matches`);
  const { slots, reload: reloadSlots } = useSlots(slug, zone);
  usePageTitle(t('meetings.page.title'));
  const [notice, setNotice] = useState<string | null>(null);
  const [allMatches, setAllMatches] = useState(false);

  const reload = () => {
    mine.reload();
    matches.reload();
    reloadSlots();
  };
  const act = async (meeting: Meeting, action: MeetingAction, extra: object = {}) => {
    try {
      await apiWrite('PATCH', `/api/meetings/${meeting.id}`, language, { version: meeting.version, action, ...extra });
      setNotice(t(`meetings.done.${action}`));
    } catch (error) {
      setNotice(error instanceof WriteError ? error.message : String(error));
    }
    reload();
  };

  if (mine.error?.status === 401) {
    return (
      <article className="meetings">
        <h1>{t('meetings.page.title')}</h1>
        <p className="actions">
          <Link className="button" href={`/sign-in?next=${encodeURIComponent(`/events/${slug}/meetings`)}`}>
            {t('meetings.page.signIn')}
          </Link>
        </p>
      </article>
    );
  }
  if (mine.error && !mine.data) return <ErrorState error={mine.error} onRetry={mine.reload} asPage />;
  if (!mine.data) return <Loading />;
  const items = mine.data.items;
  const waiting = items.filter((m) => m.status === 'pending' && m.awaiting === 'me');
  const sent = items.filter((m) => m.status === 'pending' && m.awaiting === 'them');
  const confirmed = items.filter((m) => m.status === 'confirmed');

  return (
    <article className="meetings">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`/events/${slug}`}>{event.data ? text(event.data.name) : slug}</Link>
        </p>
        <h1>{t('meetings.page.title')}</h1>
        <p className="lead">{t('meetings.page.intro')}</p>
      </header>
      {notice ? (
        <p className="meetings__notice" role="status">
          {notice}
        </p>
      ) : null}

      <section aria-labelledby="meetings-waiting">
        <h2 id="meetings-waiting">{t('meetings.inbox.title', { count: waiting.length })}</h2>
        {waiting.length === 0 ? <EmptyState>{t('meetings.inbox.none')}</EmptyState> : null}
        <ul className="meetings__list">
          {waiting.map((m) => (
            <li key={m.id}>
              <Answer meeting={m} slots={slots} zone={zone} act={act} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="meetings-confirmed">
        <h2 id="meetings-confirmed">{t('meetings.confirmed.title')}</h2>
        {confirmed.length === 0 ? <EmptyState>{t('meetings.confirmed.none')}</EmptyState> : null}
        <ul className="meetings__list">
          {confirmed.map((m) => (
            <li key={m.id} className="meeting" data-testid="confirmed-meeting">
              <p className="meeting__title">
                <Person person={m.with} />
              </p>
              {m.slot ? (
                <p className="meeting__when">
                  {formatDateTime(m.slot.startsAt, language, zone)} · {m.slot.space}
                  {m.slot.venue ? `, ${m.slot.venue}` : ''} ·{' '}
                  <strong>{t('meetings.table', { table: m.table ?? 0 })}</strong>
                </p>
              ) : null}
              {m.slot && Date.parse(m.slot.startsAt) <= Date.now() ? (
                <div className="meeting__outcome">
                  <p>{m.myOutcome ? t(`meetings.outcome.${m.myOutcome}`) : t('meetings.outcome.ask')}</p>
                  {m.myOutcome ? null : (
                    <p className="actions">
                      <button type="button" className="button" onClick={() => act(m, 'met')}>
                        {t('meetings.action.met')}
                      </button>
                      <button type="button" className="button button--quiet" onClick={() => act(m, 'missed')}>
                        {t('meetings.action.missed')}
                      </button>
                    </p>
                  )}
                </div>
              ) : (
                <p className="actions">
                  <button type="button" className="button button--quiet" onClick={() => act(m, 'cancel')}>
                    {t('meetings.action.cancel')}
                  </button>
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="meetings-sent">
        <h2 id="meetings-sent">{t('meetings.sent.title')}</h2>
        {sent.length === 0 ? <EmptyState>{t('meetings.sent.none')}</EmptyState> : null}
        <ul className="meetings__list">
          {sent.map((m) => (
            <li key={m.id} className="meeting">
              <p className="meeting__title">
                <Person person={m.with} />
              </p>
              <p className="meeting__when">
                {t('meetings.sent.offered', {
                  slots: m.offered.map((s) => formatTimeRange(s.startsAt, s.endsAt, language, zone)).join('; '),
                })}
              </p>
              <p className="actions">
                <button type="button" className="button button--quiet" onClick={() => act(m, 'cancel')}>
                  {t('meetings.action.withdraw')}
                </button>
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="meetings-suggestions">
        <h2 id="meetings-suggestions">{t('meetings.suggestions.title')}</h2>
        {matches.data && matches.data.items.length === 0 ? (
          <EmptyState>{t('meetings.suggestions.none')}</EmptyState>
        ) : null}
        <ul className="meetings__list">
          {(matches.data?.items ?? []).slice(0, allMatches ? undefined : FIRST_MATCHES).map((match) => (
            <li key={match.person.id} className="meeting">
              <p className="meeting__title">
                <Person person={match.person} />
              </p>
              <ul className="meeting__reasons">
                {match.reasons.map((reason) => (
                  <li key={reason.code}>{reason.text}</li>
                ))}
              </ul>
              <RequestForm
                slug={slug}
                person={match.person}
                slots={slots}
                onDone={(message) => {
                  setNotice(message);
                  reload();
                }}
              />
            </li>
          ))}
        </ul>
      </section>

      {!allMatches && (matches.data?.items.length ?? 0) > FIRST_MATCHES ? (
        <p className="actions">
          <button type="button" className="button button--quiet" onClick={() => setAllMatches(true)}>
            {t('meetings.suggestions.more', { count: (matches.data?.items.length ?? 0) - FIRST_MATCHES })}
          </button>
        </p>
      ) : null}

      <AvailabilitySection slug={slug} slots={slots} />
    </article>
  );
}

function Answer({
  meeting,
  slots,
  zone,
  act,
}: {
  meeting: Meeting;
  slots: SlotChoice[];
  zone: string;
  act: (meeting: Meeting, action: MeetingAction, extra?: object) => Promise<void>;
}) {
  const { t, language } = useI18n();
  const [chosen, setChosen] = useState<string[]>([]);
  const [proposing, setProposing] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const offered: SlotChoice[] = meeting.offered.map((s) => ({
    id: s.id,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    label: `${formatDateTime(s.startsAt, language, zone)} · ${s.space}`,
  }));
  return (
    <div className="meeting" data-testid="meeting-request">
      <p className="meeting__title">
        <Person person={meeting.with} />
      </p>
      {meeting.message ? <blockquote className="meeting__message">{meeting.message}</blockquote> : null}
      <SlotPicker slots={offered} chosen={chosen} setChosen={setChosen} single legend={t('meetings.answer.pick')} />
      <p className="actions">
        <button
          type="button"
          className="button"
          disabled={chosen.length === 0}
          onClick={() => act(meeting, 'accept', { slot: chosen[0] })}
        >
          {t('meetings.action.accept')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => setProposing(!proposing)}>
          {t('meetings.action.propose')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => act(meeting, 'decline')}>
          {t('meetings.action.decline')}
        </button>
      </p>
      {proposing ? (
        <div className="meeting__propose">
          <SlotPicker slots={slots} chosen={other} setChosen={setOther} legend={t('meetings.answer.other')} />
          <p className="actions">
            <button
              type="button"
              className="button"
              disabled={other.length === 0}
              onClick={() => act(meeting, 'propose', { slots: other })}
            >
              {t('meetings.action.sendProposal')}
            </button>
          </p>
        </div>
      ) : null}
    </div>
  );
}

function RequestForm({
  slug,
  person,
  slots,
  onDone,
}: {
  slug: string;
  person: MeetingPerson;
  slots: SlotChoice[];
  onDone: (message: string) => void;
}) {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const messageId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await apiWrite('POST', `/api/events/${slug}/meetings`, language, {
        with: person.id,
        slots: chosen,
        ...(message.trim() ? { message } : {}),
      });
      setOpen(false);
      onDone(t('meetings.done.request', { name: person.name }));
    } catch (error) {
      setProblem(error instanceof WriteError ? error.message : String(error));
    }
  };
  if (!open) {
    return (
      <p className="actions">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t('meetings.action.ask', { name: person.name })}
        </button>
      </p>
    );
  }
  return (
    <form className="meeting__request" onSubmit={submit}>
      <SlotPicker slots={slots} chosen={chosen} setChosen={setChosen} legend={t('meetings.request.slots')} />
      <div className="field">
        <label htmlFor={messageId}>{t('meetings.request.message')}</label>
        <textarea
          id={messageId}
          value={message}
          maxLength={1000}
          rows={3}
          onChange={(e) => setMessage(e.target.value)}
        />
      </div>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      <p className="actions">
        <button type="submit" className="button" disabled={chosen.length === 0}>
          {t('meetings.action.send')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
          {t('meetings.action.close')}
        </button>
      </p>
    </form>
  );
}

/** I tick the slots I am not free for; closing the inbox stops new requests. */
function AvailabilitySection({ slug, slots }: { slug: string; slots: SlotChoice[] }) {
  const { t, language } = useI18n();
  const availability = useApi<Availability>(`/api/events/${slug}/availability`);
  const [saved, setSaved] = useState<string | null>(null);
  const inboxId = useId();
  if (!availability.data) return null;
  const data = availability.data;
  const blocked = slots
    .filter((slot) =>
      data.blocks.some(
        (b) => Date.parse(b.startsAt) < Date.parse(slot.endsAt) && Date.parse(slot.startsAt) < Date.parse(b.endsAt),
      ),
    )
    .map((slot) => slot.id);
  const save = async (blockedIds: string[], inboxClosed: boolean) => {
    const blocks = slots
      .filter((slot) => blockedIds.includes(slot.id))
      .map((slot) => ({ startsAt: slot.startsAt, endsAt: slot.endsAt }));
    // Blocks that match no slot (set elsewhere) are kept.
    const kept = data.blocks.filter(
      (b) =>
        !slots.some(
          (slot) =>
            Date.parse(b.startsAt) < Date.parse(slot.endsAt) && Date.parse(slot.startsAt) < Date.parse(b.endsAt),
        ),
    );
    await apiWrite('PUT', `/api/events/${slug}/availability`, language, { blocks: [...kept, ...blocks], inboxClosed });
    setSaved(t('meetings.availability.saved'));
    availability.reload();
  };
  return (
    <section aria-labelledby="meetings-availability">
      <h2 id="meetings-availability">{t('meetings.availability.title')}</h2>
      <p>{t('meetings.availability.intro')}</p>
      <div className="field field--check">
        <input
          id={inboxId}
          type="checkbox"
          checked={data.inboxClosed}
          onChange={(e) => save(blocked, e.target.checked)}
        />
        <label htmlFor={inboxId}>{t('meetings.availability.closeInbox')}</label>
      </div>
      <SlotPicker
        slots={slots}
        chosen={blocked}
        setChosen={(ids) => save(ids, data.inboxClosed)}
        legend={t('meetings.availability.blocked')}
      />
      {data.busy.length > 0 ? (
        <p className="meeting__from">{t('meetings.availability.busy', { count: data.busy.length })}</p>
      ) : null}
      {saved ? (
        <p role="status" className="meetings__notice">
          {saved}
        </p>
      ) : null}
    </section>
  );
}

import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Link } from 'wouter';
import type { BingoDraw, BingoGame } from '../../shared/api/bingo.ts';
import type { OrganizationSummary } from '../../shared/api/directory.ts';
import { zonedTimeToInstant } from '../../shared/time.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, useApi, WriteError } from '../api.ts';
import { SaveProblems } from '../forms/edit-states.tsx';
import { InputField, SelectField, TextField } from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { timeZoneLabel } from '../i18n/time-zone-label.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { bingoBase, useBingoText } from './bingo-i18n.ts';
import { VerifyHowTo } from './draw-page.tsx';
import './bingo.css';

/** An instant as the value of a datetime-local input, in the event's zone. */
export function zonedInput(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** A datetime-local value read in the event's zone; empty or malformed stays as typed, for the server to name. */
export function instantOf(value: string, timeZone: string): string {
  const [date, time] = value.split('T');
  if (!date || !time) return value;
  const instant = zonedTimeToInstant(date, time.slice(0, 5), timeZone);
  return Number.isNaN(instant.getTime()) ? value : instant.toISOString();
}

/** /events/:slug/bingo/admin — staff: create or change the game, its prizes, and run the draw. */
export function BingoAdminPage({ slug }: { slug: string }) {
  const { tb, text } = useBingoText();
  const { me } = useMe();
  const game = useApi<BingoGame>(bingoBase(slug));
  const event = useApi<{ timeZone: string }>(`/api/events/${encodeURIComponent(slug)}`);
  const draw = useApi<BingoDraw>(game.data ? `${bingoBase(slug)}/draw` : null);
  const partners = useApi<{ items: OrganizationSummary[] }>(isAdmin(me) ? '/api/organizations?kind=partner' : null);
  const [message, setMessage] = useState('');
  usePageTitle(tb('bingo.admin.title'));

  const done = (what: string) => {
    setMessage(what);
    game.reload();
    draw.reload();
  };

  if (me === undefined) return <Loading />;
  if (!isAdmin(me)) {
    return (
      <article className="bingo">
        <h1>{tb('bingo.admin.title')}</h1>
        <p className="notice">{tb('bingo.admin.staffOnly')}</p>
      </article>
    );
  }
  if (game.error && game.error.status !== 404) return <ErrorState error={game.error} onRetry={game.reload} asPage />;
  const zone = game.data?.event.timeZone ?? event.data?.timeZone;
  if ((!game.data && !game.error) || !zone) return <Loading />;
  const base = bingoBase(slug);

  return (
    <article className="bingo">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`/staff/events/${slug}`}>{tb('bingo.admin.backOffice')}</Link>
          {' · '}
          <Link href={`/events/${slug}/bingo`}>{tb('bingo.title')}</Link>
        </p>
        <h1>{tb('bingo.admin.title')}</h1>
      </header>
      <p role="status" className={message ? 'notice' : 'visually-hidden'}>
        {message}
      </p>
      {game.data ? (
        <>
          <GameForm key={game.data.version} game={game.data} onSaved={() => done(tb('bingo.admin.saved'))} />
          {game.data.status === 'open' ? (
            <p className="bingo-actions">
              <ActionButton path={`${base}/end`} onDone={() => done(tb('bingo.admin.ended'))}>
                {tb('bingo.admin.endNow')}
              </ActionButton>
            </p>
          ) : null}
          <section className="bingo-section" aria-labelledby="admin-prizes">
            <h2 id="admin-prizes">{tb('bingo.prizes.title')}</h2>
            <ul className="bingo-admin-prizes">
              {game.data.prizes.map((prize) => (
                <li key={prize.id}>
                  <span>
                    {text(prize.description)} ×{prize.quantity}
                    {prize.partner ? ` — ${prize.partner.name}` : ''}
                  </span>
                  <ActionButton
                    method="DELETE"
                    quiet
                    path={`${base}/prizes/${prize.id}`}
                    label={tb('bingo.admin.removePrize', { prize: text(prize.description) })}
                    onDone={() => done(tb('bingo.admin.saved'))}
                  >
                    {tb('bingo.admin.remove')}
                  </ActionButton>
                </li>
              ))}
            </ul>
            <PrizeForm
              slug={slug}
              partners={partners.data?.items ?? []}
              onAdded={() => done(tb('bingo.admin.saved'))}
            />
          </section>
          <section className="bingo-section" aria-labelledby="admin-draw">
            <h2 id="admin-draw">{tb('bingo.draw.title')}</h2>
            <p>{tb(`bingo.draw.state.${game.data.draw}`)}</p>
            {draw.data?.seedHash ? (
              <p>
                {tb('bingo.draw.hash')}: <code className="bingo-code">{draw.data.seedHash}</code>
              </p>
            ) : null}
            <div className="bingo-actions">
              {game.data.draw === 'none' ? (
                <ActionButton path={`${base}/draw/commit`} onDone={() => done(tb('bingo.admin.committed'))}>
                  {tb('bingo.admin.commit')}
                </ActionButton>
              ) : null}
              {game.data.draw === 'committed' ? (
                <ActionButton path={`${base}/draw/reveal`} onDone={() => done(tb('bingo.admin.revealed'))}>
                  {tb('bingo.admin.reveal')}
                </ActionButton>
              ) : null}
              <Link className="button button--quiet" href={`/events/${slug}/bingo/draw`}>
                {tb('bingo.drawLink')}
              </Link>
            </div>
            {draw.data?.state === 'revealed' && draw.data.winners.length ? (
              <SkipForm slug={slug} draw={draw.data} onSkipped={() => done(tb('bingo.admin.saved'))} />
            ) : null}
          </section>
          <VerifyHowTo slug={slug} />
        </>
      ) : (
        <CreateForm slug={slug} zone={zone} onCreated={() => done(tb('bingo.admin.created'))} />
      )}
    </article>
  );
}

/** A button that acts at once; what the server refuses is said beside it, not at the top of the page. */
function ActionButton({
  path,
  method = 'POST',
  quiet = false,
  label,
  onDone,
  children,
}: {
  path: string;
  method?: 'POST' | 'DELETE';
  quiet?: boolean;
  label?: string;
  onDone(): void;
  children: ReactNode;
}) {
  const { language, t } = useBingoText();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const act = async () => {
    setBusy(true);
    setError('');
    try {
      await apiWrite(method, path, language);
      onDone();
    } catch (failed) {
      setError(failed instanceof WriteError ? failed.message : t('error.network'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="bingo-action">
      <button
        type="button"
        className={quiet ? 'button button--quiet' : 'button'}
        aria-label={label}
        aria-describedby={error ? `${id}-error` : undefined}
        disabled={busy}
        onClick={act}
      >
        {children}
      </button>
      {error ? (
        <span className="form-field__error bingo-action__error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** Where the API's field paths go in these forms. */
function bingoFieldOf(apiField: string): string | undefined {
  if (apiField.startsWith('cells')) return 'countries';
  if (apiField.startsWith('title.')) return apiField === 'title.es' ? 'titleEs' : 'titleEn';
  if (apiField.startsWith('description.')) return apiField === 'description.es' ? 'descriptionEs' : 'descriptionEn';
  return apiField;
}

function ZoneHint({ zone }: { zone: string }) {
  const { tb, t } = useBingoText();
  return <p className="form-field__hint">{tb('bingo.admin.zoneHint', { zone: timeZoneLabel(t, zone) })}</p>;
}

const GRID_SIZES = [3, 4, 5];

function GridAndRule({
  values,
  errors,
  set,
}: {
  values: { gridSize: string; winRule: string };
  errors: Record<string, string>;
  set(name: 'gridSize' | 'winRule', value: string): void;
}) {
  const { tb } = useBingoText();
  return (
    <>
      <SelectField
        name="gridSize"
        label={tb('bingo.admin.gridSize')}
        value={values.gridSize}
        onChange={(value) => set('gridSize', value)}
        options={GRID_SIZES.map((n) => ({ value: String(n), label: `${n} × ${n}` }))}
        error={errors.gridSize}
      />
      <SelectField
        name="winRule"
        label={tb('bingo.admin.winRule')}
        value={values.winRule}
        onChange={(value) => set('winRule', value)}
        options={[
          { value: 'line', label: tb('bingo.admin.ruleLine') },
          { value: 'full_card', label: tb('bingo.admin.ruleFull') },
        ]}
        error={errors.winRule}
      />
    </>
  );
}

/** A date and time in the event's zone (datetime-local), with the server's message for it. */
function WhenField(props: { name: string; label: string; value: string; error?: string; onChange(v: string): void }) {
  return <InputField {...props} type={'datetime-local' as 'date'} />;
}

function SubmitButton({ saving, children }: { saving: boolean; children: ReactNode }) {
  const { t } = useBingoText();
  return (
    <button type="submit" className="button" disabled={saving} aria-disabled={saving}>
      {saving ? t('editing.saving') : children}
    </button>
  );
}

function CreateForm({ slug, zone, onCreated }: { slug: string; zone: string; onCreated(): void }) {
  const { tb, language } = useBingoText();
  const { state, save, fieldErrors, reset } = useSave(bingoFieldOf);
  const [values, setValues] = useState({ startsAt: '', endsAt: '', gridSize: '3', winRule: 'line', countries: '' });
  const set = (name: keyof typeof values, value: string) => setValues((current) => ({ ...current, [name]: value }));
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const countries = values.countries.split(/[\s,;]+/).filter(Boolean);
    const created = await save(() =>
      apiWrite('POST', bingoBase(slug), language, {
        startsAt: instantOf(values.startsAt, zone),
        endsAt: instantOf(values.endsAt, zone),
        gridSize: Number(values.gridSize),
        winRule: values.winRule,
        ...(countries.length ? { cells: countries.map((country) => ({ country })) } : {}),
      }),
    );
    if (created) onCreated();
  };
  return (
    <section className="bingo-section" aria-labelledby="admin-create">
      <h2 id="admin-create">{tb('bingo.admin.create')}</h2>
      <form className="bingo-form" onSubmit={submit} noValidate>
        <SaveProblems state={state} onReload={reset} />
        <ZoneHint zone={zone} />
        <WhenField
          name="startsAt"
          label={tb('bingo.admin.startsAt')}
          value={values.startsAt}
          onChange={(v) => set('startsAt', v)}
          error={fieldErrors.startsAt}
        />
        <WhenField
          name="endsAt"
          label={tb('bingo.admin.endsAt')}
          value={values.endsAt}
          onChange={(v) => set('endsAt', v)}
          error={fieldErrors.endsAt}
        />
        <GridAndRule values={values} errors={fieldErrors} set={set} />
        <TextField
          name="countries"
          label={tb('bingo.admin.countries')}
          hint={tb('bingo.admin.countriesHint')}
          value={values.countries}
          onChange={(v) => set('countries', v)}
          error={fieldErrors.countries}
        />
        <SubmitButton saving={state.kind === 'saving'}>{tb('bingo.admin.create')}</SubmitButton>
      </form>
    </section>
  );
}

function GameForm({ game, onSaved }: { game: BingoGame; onSaved(): void }) {
  const { tb, language } = useBingoText();
  const zone = game.event.timeZone;
  const { state, save, fieldErrors } = useSave(bingoFieldOf);
  const [values, setValues] = useState({
    titleEn: game.title.en ?? '',
    titleEs: game.title.es ?? '',
    startsAt: zonedInput(game.startsAt, zone),
    endsAt: zonedInput(game.endsAt, zone),
    gridSize: String(game.gridSize),
    winRule: game.winRule as string,
  });
  const set = (name: keyof typeof values, value: string) => setValues((current) => ({ ...current, [name]: value }));
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const gridSize = Number(values.gridSize);
    const saved = await save(() =>
      apiWrite('PATCH', bingoBase(game.event.slug), language, {
        version: game.version,
        title: { en: values.titleEn, es: values.titleEs },
        winRule: values.winRule,
        startsAt: instantOf(values.startsAt, zone),
        endsAt: instantOf(values.endsAt, zone),
        ...(gridSize !== game.gridSize ? { gridSize } : {}),
      }),
    );
    if (saved) onSaved();
  };
  return (
    <section className="bingo-section" aria-labelledby="admin-game">
      <h2 id="admin-game">{tb('bingo.admin.game')}</h2>
      <form className="bingo-form" onSubmit={submit} noValidate>
        <SaveProblems state={state} onReload={() => window.location.reload()} />
        <TextField
          name="titleEn"
          label={tb('bingo.admin.titleEn')}
          lang="en"
          value={values.titleEn}
          onChange={(v) => set('titleEn', v)}
          error={fieldErrors.titleEn}
        />
        <TextField
          name="titleEs"
          label={tb('bingo.admin.titleEs')}
          lang="es"
          value={values.titleEs}
          onChange={(v) => set('titleEs', v)}
          error={fieldErrors.titleEs}
        />
        <ZoneHint zone={zone} />
        <WhenField
          name="startsAt"
          label={tb('bingo.admin.startsAt')}
          value={values.startsAt}
          onChange={(v) => set('startsAt', v)}
          error={fieldErrors.startsAt}
        />
        <WhenField
          name="endsAt"
          label={tb('bingo.admin.endsAt')}
          value={values.endsAt}
          onChange={(v) => set('endsAt', v)}
          error={fieldErrors.endsAt}
        />
        <GridAndRule values={values} errors={fieldErrors} set={set} />
        <SubmitButton saving={state.kind === 'saving'}>{tb('bingo.admin.save')}</SubmitButton>
      </form>
    </section>
  );
}

const EMPTY_PRIZE = { descriptionEn: '', descriptionEs: '', quantity: '1', partner: '' };

function PrizeForm({ slug, partners, onAdded }: { slug: string; partners: OrganizationSummary[]; onAdded(): void }) {
  const { tb, language } = useBingoText();
  const { state, save, fieldErrors, reset } = useSave(bingoFieldOf);
  const [values, setValues] = useState(EMPTY_PRIZE);
  const set = (name: keyof typeof values, value: string) => setValues((current) => ({ ...current, [name]: value }));
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const added = await save(() =>
      apiWrite('POST', `${bingoBase(slug)}/prizes`, language, {
        description: { en: values.descriptionEn, es: values.descriptionEs },
        quantity: Number(values.quantity),
        ...(values.partner ? { partner: values.partner } : {}),
      }),
    );
    // What was typed stays until the prize is added.
    if (added) {
      setValues(EMPTY_PRIZE);
      onAdded();
    }
  };
  return (
    <form className="bingo-form" onSubmit={submit} aria-labelledby="admin-add-prize" noValidate>
      <h3 id="admin-add-prize">{tb('bingo.admin.addPrize')}</h3>
      <SaveProblems state={state} onReload={reset} />
      <TextField
        name="descriptionEn"
        label={tb('bingo.admin.descriptionEn')}
        lang="en"
        value={values.descriptionEn}
        onChange={(v) => set('descriptionEn', v)}
        error={fieldErrors.descriptionEn}
      />
      <TextField
        name="descriptionEs"
        label={tb('bingo.admin.descriptionEs')}
        lang="es"
        value={values.descriptionEs}
        onChange={(v) => set('descriptionEs', v)}
        error={fieldErrors.descriptionEs}
      />
      <InputField
        name="quantity"
        type="number"
        label={tb('bingo.admin.quantity')}
        value={values.quantity}
        onChange={(v) => set('quantity', v)}
        error={fieldErrors.quantity}
      />
      <SelectField
        name="partner"
        label={tb('bingo.admin.partner')}
        value={values.partner}
        onChange={(v) => set('partner', v)}
        options={[
          { value: '', label: tb('bingo.admin.noPartner') },
          ...partners.map((p) => ({ value: p.slug, label: p.acronym ? `${p.name} (${p.acronym})` : p.name })),
        ]}
        error={fieldErrors.partner}
      />
      <SubmitButton saving={state.kind === 'saving'}>{tb('bingo.admin.addPrize')}</SubmitButton>
    </form>
  );
}

function SkipForm({ slug, draw, onSkipped }: { slug: string; draw: BingoDraw; onSkipped(): void }) {
  const { tb, language } = useBingoText();
  const { state, save, fieldErrors, reset } = useSave(bingoFieldOf);
  const [values, setValues] = useState({ personId: draw.winners[0]?.personId ?? '', reason: '' });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const skipped = await save(() => apiWrite('POST', `${bingoBase(slug)}/draw/skip`, language, values));
    if (skipped) {
      setValues({ personId: '', reason: '' });
      onSkipped();
    }
  };
  return (
    <form className="bingo-form" onSubmit={submit} aria-labelledby="admin-skip" noValidate>
      <h3 id="admin-skip">{tb('bingo.admin.skip')}</h3>
      <SaveProblems state={state} onReload={reset} />
      <SelectField
        name="personId"
        label={tb('bingo.admin.skipWho')}
        value={values.personId || (draw.winners[0]?.personId ?? '')}
        onChange={(personId) => setValues((current) => ({ ...current, personId }))}
        options={draw.winners.map((w) => ({ value: w.personId, label: w.name }))}
        error={fieldErrors.personId}
      />
      <TextField
        name="reason"
        label={tb('bingo.admin.skipReason')}
        value={values.reason}
        onChange={(reason) => setValues((current) => ({ ...current, reason }))}
        error={fieldErrors.reason}
      />
      <SubmitButton saving={state.kind === 'saving'}>{tb('bingo.admin.skip')}</SubmitButton>
    </form>
  );
}

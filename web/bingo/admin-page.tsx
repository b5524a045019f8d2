import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import type { BingoDraw, BingoGame } from '../../shared/api/bingo.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, useApi, WriteError } from '../api.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { bingoBase, useBingoText } from './bingo-i18n.ts';
import { VerifyHowTo } from './draw-page.tsx';
import './bingo.css';

/** An instant as the value of a datetime-local input, in the browser's zone. */
function localInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** /events/:slug/bingo/admin — staff: create or change the game, its prizes, and run the draw. */
export function BingoAdminPage({ slug }: { slug: string }) {
  const { tb, text, language } = useBingoText();
  const { me } = useMe();
  const game = useApi<BingoGame>(bingoBase(slug));
  const draw = useApi<BingoDraw>(game.data ? `${bingoBase(slug)}/draw` : null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  usePageTitle(tb('bingo.admin.title'));

  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      setMessage({ ok: true, text: done });
      game.reload();
      draw.reload();
    } catch (error) {
      setMessage({ ok: false, text: error instanceof WriteError ? error.message : String(error) });
    }
  }

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
  if (!game.data && !game.error) return <Loading />;

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
      <p role="status" className={message ? (message.ok ? 'notice' : 'notice bingo-error') : 'visually-hidden'}>
        {message?.text ?? ''}
      </p>
      {game.data ? (
        <>
          <GameForm
            game={game.data}
            onSave={(body) => run(() => apiWrite('PATCH', bingoBase(slug), language, body), tb('bingo.admin.saved'))}
          />
          {game.data.status === 'open' ? (
            <p className="bingo-actions">
              <button
                type="button"
                className="button"
                onClick={() => run(() => apiWrite('POST', `${bingoBase(slug)}/end`, language), tb('bingo.admin.ended'))}
              >
                {tb('bingo.admin.endNow')}
              </button>
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
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-label={tb('bingo.admin.removePrize', { prize: text(prize.description) })}
                    onClick={() =>
                      run(
                        () => apiWrite('DELETE', `${bingoBase(slug)}/prizes/${prize.id}`, language),
                        tb('bingo.admin.saved'),
                      )
                    }
                  >
                    {tb('bingo.admin.remove')}
                  </button>
                </li>
              ))}
            </ul>
            <PrizeForm
              onAdd={(body) =>
                run(() => apiWrite('POST', `${bingoBase(slug)}/prizes`, language, body), tb('bingo.admin.saved'))
              }
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
            <p className="bingo-actions">
              {game.data.draw === 'none' ? (
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    run(() => apiWrite('POST', `${bingoBase(slug)}/draw/commit`, language), tb('bingo.admin.committed'))
                  }
                >
                  {tb('bingo.admin.commit')}
                </button>
              ) : null}
              {game.data.draw === 'committed' ? (
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    run(() => apiWrite('POST', `${bingoBase(slug)}/draw/reveal`, language), tb('bingo.admin.revealed'))
                  }
                >
                  {tb('bingo.admin.reveal')}
                </button>
              ) : null}
              <Link className="button button--quiet" href={`/events/${slug}/bingo/draw`}>
                {tb('bingo.drawLink')}
              </Link>
            </p>
            {draw.data?.state === 'revealed' && draw.data.winners.length ? (
              <SkipForm
                draw={draw.data}
                onSkip={(body) =>
                  run(() => apiWrite('POST', `${bingoBase(slug)}/draw/skip`, language, body), tb('bingo.admin.saved'))
                }
              />
            ) : null}
          </section>
          <VerifyHowTo slug={slug} />
        </>
      ) : (
        <CreateForm
          onCreate={(body) => run(() => apiWrite('POST', bingoBase(slug), language, body), tb('bingo.admin.created'))}
        />
      )}
    </article>
  );
}

function CreateForm({ onCreate }: { onCreate: (body: object) => void }) {
  const { tb } = useBingoText();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const countries = String(form.get('countries') ?? '')
      .split(/[\s,;]+/)
      .filter(Boolean);
    onCreate({
      startsAt: new Date(String(form.get('startsAt'))).toISOString(),
      endsAt: new Date(String(form.get('endsAt'))).toISOString(),
      gridSize: Number(form.get('gridSize')),
      winRule: String(form.get('winRule')),
      ...(countries.length ? { cells: countries.map((country) => ({ country })) } : {}),
    });
  };
  return (
    <section className="bingo-section" aria-labelledby="admin-create">
      <h2 id="admin-create">{tb('bingo.admin.create')}</h2>
      <form className="bingo-form" onSubmit={submit}>
        <p className="bingo-muted">
          {tb('bingo.admin.zoneHint', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
        </p>
        <div className="field">
          <label htmlFor="bingo-starts">{tb('bingo.admin.startsAt')}</label>
          <input id="bingo-starts" name="startsAt" type="datetime-local" required />
        </div>
        <div className="field">
          <label htmlFor="bingo-ends">{tb('bingo.admin.endsAt')}</label>
          <input id="bingo-ends" name="endsAt" type="datetime-local" required />
        </div>
        <GridAndRule gridSize={3} winRule="line" />
        <div className="field">
          <label htmlFor="bingo-countries">{tb('bingo.admin.countries')}</label>
          <input id="bingo-countries" name="countries" aria-describedby="bingo-countries-hint" />
          <p id="bingo-countries-hint" className="bingo-muted">
            {tb('bingo.admin.countriesHint')}
          </p>
        </div>
        <button type="submit" className="button">
          {tb('bingo.admin.create')}
        </button>
      </form>
    </section>
  );
}

function GridAndRule({ gridSize, winRule }: { gridSize: number; winRule: string }) {
  const { tb } = useBingoText();
  return (
    <>
      <div className="field">
        <label htmlFor="bingo-grid">{tb('bingo.admin.gridSize')}</label>
        <select id="bingo-grid" name="gridSize" defaultValue={String(gridSize)}>
          {[3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n} × {n}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="bingo-rule">{tb('bingo.admin.winRule')}</label>
        <select id="bingo-rule" name="winRule" defaultValue={winRule}>
          <option value="line">{tb('bingo.admin.ruleLine')}</option>
          <option value="full_card">{tb('bingo.admin.ruleFull')}</option>
        </select>
      </div>
    </>
  );
}

function GameForm({ game, onSave }: { game: BingoGame; onSave: (body: object) => void }) {
  const { tb } = useBingoText();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const gridSize = Number(form.get('gridSize'));
    onSave({
      version: game.version,
      title: { en: String(form.get('titleEn')), es: String(form.get('titleEs') ?? '') },
      winRule: String(form.get('winRule')),
      startsAt: new Date(String(form.get('startsAt'))).toISOString(),
      endsAt: new Date(String(form.get('endsAt'))).toISOString(),
      ...(gridSize !== game.gridSize ? { gridSize } : {}),
    });
  };
  return (
    <section className="bingo-section" aria-labelledby="admin-game">
      <h2 id="admin-game">{tb('bingo.admin.game')}</h2>
      <form className="bingo-form" onSubmit={submit} key={game.version}>
        <p className="bingo-muted">
          {tb('bingo.admin.zoneHint', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
        </p>
        <div className="field">
          <label htmlFor="bingo-title-en">{tb('bingo.admin.titleEn')}</label>
          <input id="bingo-title-en" name="titleEn" defaultValue={game.title.en ?? ''} required />
        </div>
        <div className="field">
          <label htmlFor="bingo-title-es">{tb('bingo.admin.titleEs')}</label>
          <input id="bingo-title-es" name="titleEs" defaultValue={game.title.es ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="bingo-starts">{tb('bingo.admin.startsAt')}</label>
          <input
            id="bingo-starts"
            name="startsAt"
            type="datetime-local"
            defaultValue={localInput(game.startsAt)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="bingo-ends">{tb('bingo.admin.endsAt')}</label>
          <input id="bingo-ends" name="endsAt" type="datetime-local" defaultValue={localInput(game.endsAt)} required />
        </div>
        <GridAndRule gridSize={game.gridSize} winRule={game.winRule} />
        <button type="submit" className="button">
          {tb('bingo.admin.save')}
        </button>
      </form>
    </section>
  );
}

function PrizeForm({ onAdd }: { onAdd: (body: object) => void }) {
  const { tb } = useBingoText();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const partner = String(form.get('partner') ?? '').trim();
    onAdd({
      description: { en: String(form.get('descriptionEn')), es: String(form.get('descriptionEs') ?? '') },
      quantity: Number(form.get('quantity')),
      ...(partner ? { partner } : {}),
    });
    event.currentTarget.reset();
  };
  return (
    <form className="bingo-form" onSubmit={submit} aria-labelledby="admin-add-prize">
      <h3 id="admin-add-prize">{tb('bingo.admin.addPrize')}</h3>
      <div className="field">
        <label htmlFor="prize-en">{tb('bingo.admin.descriptionEn')}</label>
        <input id="prize-en" name="descriptionEn" required />
      </div>
      <div className="field">
        <label htmlFor="prize-es">{tb('bingo.admin.descriptionEs')}</label>
        <input id="prize-es" name="descriptionEs" />
      </div>
      <div className="field">
        <label htmlFor="prize-quantity">{tb('bingo.admin.quantity')}</label>
        <input id="prize-quantity" name="quantity" type="number" min={1} max={100} defaultValue={1} required />
      </div>
      <div className="field">
        <label htmlFor="prize-partner">{tb('bingo.admin.partner')}</label>
        <input id="prize-partner" name="partner" placeholder="sounds-from-spain" />
      </div>
      <button type="submit" className="button">
        {tb('bingo.admin.addPrize')}
      </button>
    </form>
  );
}

function SkipForm({ draw, onSkip }: { draw: BingoDraw; onSkip: (body: object) => void }) {
  const { tb } = useBingoText();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onSkip({ personId: String(form.get('personId')), reason: String(form.get('reason')) });
  };
  return (
    <form className="bingo-form" onSubmit={submit} aria-labelledby="admin-skip">
      <h3 id="admin-skip">{tb('bingo.admin.skip')}</h3>
      <div className="field">
        <label htmlFor="skip-person">{tb('bingo.admin.skipWho')}</label>
        <select id="skip-person" name="personId">
          {draw.winners.map((w) => (
            <option key={w.personId} value={w.personId}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="skip-reason">{tb('bingo.admin.skipReason')}</label>
        <input id="skip-reason" name="reason" required maxLength={300} />
      </div>
      <button type="submit" className="button">
        {tb('bingo.admin.skip')}
      </button>
    </form>
  );
}

import { useEffect, useId, useState } from 'react';
import { BADGE_ROLES, type BadgeSheet, type BadgesMarked } from '../../shared/api/networking.ts';
import { apiWrite, useApi, WriteError } from '../api.ts';
import { SelectField } from '../forms/form-fields.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import './networking.css';

/**
 * What staff print on: A4 sheets of four A6 badges (cut in four), A6 card
 * stock (one per sheet), and credit-card badges for plastic holders.
 */
const SIZES = {
  a4: { page: '210mm 297mm', width: '105mm', height: '148.5mm' },
  a6: { page: '105mm 148mm', width: '105mm', height: '148mm' },
  card: { page: '85.6mm 54mm', width: '85.6mm', height: '54mm' },
} as const;
type Size = keyof typeof SIZES;

interface Filters {
  delegation: string;
  country: string;
  role: string;
  notPrinted: boolean;
}

function queryOf(filters: Filters): string {
  const query = new URLSearchParams();
  if (filters.delegation) query.set('delegation', filters.delegation);
  if (filters.country) query.set('country', filters.country);
  if (filters.role) query.set('role', filters.role);
  if (filters.notPrinted) query.set('notPrinted', 'true');
  const text = query.toString();
  return text ? `?${text}` : '';
}

export function BadgesPrintPage({ slug }: { slug: string }) {
  const { t, language } = useI18n();
  usePageTitle(t('networking.print.title'));
  const [filters, setFilters] = useState<Filters>({ delegation: '', country: '', role: '', notPrinted: false });
  const badges = useApi<BadgeSheet>(`/api/events/${encodeURIComponent(slug)}/badges${queryOf(filters)}`, {
    keepPrevious: true,
  });
  const [size, setSize] = useState<Size>('a4');
  const [marked, setMarked] = useState('');
  const name = useId();
  const set = (change: Partial<Filters>) => {
    setMarked('');
    setFilters((current) => ({ ...current, ...change }));
  };

  // The page size can only be given in a stylesheet: a constructed one, since the Content-Security-Policy allows
  // no inline styles. A millimetre of slack keeps rounding from spilling a badge onto a blank sheet.
  useEffect(() => {
    const { page, width, height } = SIZES[size];
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`@page { size: ${page}; margin: 0; } .print-badge { width: ${width}; height: ${height}; }
      @media print { .print-badge { height: calc(${height} - 1mm); } }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
    };
  }, [size]);

  // Only this page prints without the site's header.
  useEffect(() => {
    document.body.classList.add('printing-badges');
    return () => document.body.classList.remove('printing-badges');
  }, []);

  if (badges.error) return <ErrorState error={badges.error} onRetry={badges.reload} asPage />;
  if (!badges.data) return <Loading />;
  const sheet = badges.data;
  const markPrinted = async () => {
    try {
      const answer = await apiWrite<BadgesMarked>(
        'POST',
        `/api/events/${encodeURIComponent(slug)}/badges/printed`,
        language,
        {
          personIds: sheet.items.map((badge) => badge.personId),
        },
      );
      setMarked(t('networking.print.marked', { count: answer.marked }));
      badges.reload();
    } catch (failed) {
      setMarked(failed instanceof WriteError ? failed.message : t('error.network'));
    }
  };

  return (
    <div className={`badge-sheet badge-sheet--${size}`}>
      <header className="page-header no-print">
        <h1>{t('networking.print.title')}</h1>
        <p className="lead">{t('networking.print.count', { count: sheet.items.length })}</p>
      </header>
      <form className="badge-sheet__filters no-print" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          name="delegation"
          label={t('networking.print.delegation')}
          value={filters.delegation}
          onChange={(delegation) => set({ delegation })}
          options={[
            { value: '', label: t('networking.print.all') },
            ...sheet.delegations.map((d) => ({ value: d.id, label: d.name })),
          ]}
        />
        <SelectField
          name="country"
          label={t('networking.print.country')}
          value={filters.country}
          onChange={(country) => set({ country })}
          options={[
            { value: '', label: t('networking.print.all') },
            ...sheet.countries.map((c) => ({ value: c.code, label: c.name[language] ?? c.name.en })),
          ]}
        />
        <SelectField
          name="role"
          label={t('networking.print.role')}
          value={filters.role}
          onChange={(role) => set({ role })}
          options={[
            { value: '', label: t('networking.print.all') },
            ...BADGE_ROLES.map((role) => ({ value: role, label: t(`networking.print.role.${role}`) })),
          ]}
        />
        <label className="badge-sheet__size">
          <input
            type="checkbox"
            checked={filters.notPrinted}
            onChange={(event) => set({ notPrinted: event.currentTarget.checked })}
          />
          {t('networking.print.notPrinted')}
        </label>
      </form>
      <fieldset className="badge-sheet__sizes no-print">
        <legend>{t('networking.print.size')}</legend>
        {(Object.keys(SIZES) as Size[]).map((option) => (
          <label key={option} className="badge-sheet__size">
            <input type="radio" name={name} value={option} checked={size === option} onChange={() => setSize(option)} />
            {t(`networking.print.size.${option}`)}
          </label>
        ))}
      </fieldset>
      <p className="actions no-print">
        <button type="button" className="button" onClick={() => window.print()} disabled={!sheet.items.length}>
          {t('networking.print.print')}
        </button>
        <button type="button" className="button button--quiet" onClick={markPrinted} disabled={!sheet.items.length}>
          {t('networking.print.markPrinted', { count: sheet.items.length })}
        </button>
      </p>
      <p role="status" className={marked ? 'notice no-print' : 'visually-hidden'}>
        {marked}
      </p>
      <ul className="badge-sheet__list" aria-label={t('networking.print.listLabel')}>
        {sheet.items.map((badge) => (
          <li key={badge.personId} className="print-badge">
            <div className="print-badge__text">
              <p className="print-badge__name">{badge.name}</p>
              {badge.organization ? <p className="print-badge__organization">{badge.organization}</p> : null}
              {badge.country ? <p className="print-badge__country">{badge.country.name[language]}</p> : null}
              <p className="print-badge__code">{badge.badgeCode}</p>
              {badge.printedAt ? (
                <p className="print-badge__printed no-print">{t('networking.print.printed')}</p>
              ) : null}
            </div>
            <div
              className="print-badge__qr"
              role="img"
              aria-label={t('networking.print.qrLabel', { name: badge.name })}
              // biome-ignore lint/security/noDangerouslySetInnerHtml: QR markup generated by the server from our own URL
              dangerouslySetInnerHTML={{ __html: badge.qrSvg }}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

import { useState } from 'react';
import type { Delegation } from '../../shared/api/delegations.ts';
import type { OrganizationSummary } from '../../shared/api/directory.ts';
import { type List, useApi } from '../api.ts';
import { SelectField, TextField } from '../forms/form-fields.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { m } from '../rsvp/messages.ts';
import './delegations.css';
import { type Part, Problem, useWrite } from './delegation-write.tsx';

export function Funding({ delegation, onSaved }: Part) {
  const { t, locale } = useI18n();
  const detail = delegation.detail as NonNullable<Delegation['detail']>;
  const funders = useApi<List<OrganizationSummary>>('/api/organizations?kind=funder');
  const [funder, setFunder] = useState('');
  const [coversEn, setCoversEn] = useState('');
  const [coversEs, setCoversEs] = useState('');
  const write = useWrite((answer) => {
    onSaved(answer);
    setCoversEn('');
    setCoversEs('');
  });
  const remove = useWrite(onSaved);
  const options = (funders.data?.items ?? []).map((o) => ({
    value: o.slug,
    label: o.acronym ? `${o.acronym} — ${o.name}` : o.name,
  }));
  const chosen = funder || (options[0]?.value ?? '');
  return (
    <section className="delegation-section" aria-labelledby="funding-heading">
      <h2 id="funding-heading">{t(m('delegations.funding.title'))}</h2>
      <ul className="member-list">
        {detail.funding.map((f) => (
          <li key={f.id} className="member-row">
            <p className="member-row__name">
              {f.funder.name}
              {f.covers.en || f.covers.es ? (
                <>
                  {': '}
                  <LocalizedText text={f.covers} />
                </>
              ) : null}
              {f.amountCents !== null && f.currency
                ? ` · ${new Intl.NumberFormat(locale, { style: 'currency', currency: f.currency }).format(f.amountCents / 100)}`
                : null}
            </p>
            <button
              type="button"
              className="button button--quiet button--danger"
              disabled={remove.busy}
              onClick={() => void remove.run('DELETE', `/api/delegations/${delegation.id}/funding/${f.id}`)}
            >
              {t(m('delegations.funding.remove'), { funder: f.funder.acronym ?? f.funder.name })}
            </button>
          </li>
        ))}
      </ul>
      <Problem>{remove.problem}</Problem>
      {options.length > 0 ? (
        <form
          className="delegation-subsection"
          onSubmit={(event) => {
            event.preventDefault();
            void write.run('POST', `/api/delegations/${delegation.id}/funding`, {
              funder: chosen,
              covers: { en: coversEn || null, es: coversEs || null },
            });
          }}
        >
          <h3>{t(m('delegations.funding.add'))}</h3>
          <SelectField
            name="funder"
            label={t(m('delegations.funding.funder'))}
            value={chosen}
            onChange={setFunder}
            options={options}
          />
          <TextField
            name="coversEn"
            label={t(m('delegations.funding.coversEn'))}
            value={coversEn}
            onChange={setCoversEn}
            lang="en"
          />
          <TextField
            name="coversEs"
            label={t(m('delegations.funding.coversEs'))}
            value={coversEs}
            onChange={setCoversEs}
            lang="es"
          />
          <Problem>{write.problem}</Problem>
          <button type="submit" className="button" disabled={write.busy}>
            {t(m('delegations.funding.record'))}
          </button>
        </form>
      ) : null}
    </section>
  );
}

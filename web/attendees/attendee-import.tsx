import { type ChangeEvent, useState } from 'react';
import {
  ATTENDEE_COLUMNS,
  type AttendeeColumn,
  type AttendeeImportReport,
  type AttendeeRowInput,
  type ImportedRow,
} from '../../shared/api/attendees.ts';
import { apiWrite, type WriteError } from '../api.ts';
import { TextAreaField } from '../forms/form-fields.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

/** The columns as the help names them: with spaces, so the line can wrap on a phone. */
const EXAMPLE = ATTENDEE_COLUMNS.join(', ');

/**
 * Paste or upload the attendee list, see row by row who is new, who is
 * already in the directory and what is wrong, fix the wrong rows here, confirm
 * the matches by name, and apply — all or nothing (the server checks again).
 * After the first preview the rows travel as JSON, so a fix made here is what
 * the next check sees.
 */
export function AttendeeImport({ slug, onApplied }: { slug: string; onApplied(): void }) {
  const { t, language } = useI18n();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<AttendeeRowInput[] | null>(null);
  const [report, setReport] = useState<AttendeeImportReport | null>(null);
  const [confirm, setConfirm] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();

  const send = async (dryRun: boolean) => {
    setBusy(true);
    setProblem(undefined);
    setDone(undefined);
    try {
      const body = rows ? { rows, confirm: [...confirm] } : { csv: text, confirm: [...confirm] };
      const answer = await apiWrite<AttendeeImportReport>(
        'POST',
        `/api/events/${encodeURIComponent(slug)}/attendees/import?dryRun=${dryRun}`,
        language,
        body,
      );
      if (answer.applied) {
        setDone(t('attendees.import.applied', { new: answer.counts.new, matched: answer.counts.matched }));
        setRows(null);
        setReport(null);
        setText('');
        setConfirm(new Set());
        onApplied();
        return;
      }
      setReport(answer);
      setRows(answer.rows.map((row) => ({ ...row.cells })));
    } catch (error) {
      setProblem((error as WriteError).message);
    } finally {
      setBusy(false);
    }
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setText(await file.text());
    setRows(null);
    setReport(null);
  };

  const edit = (index: number, column: AttendeeColumn, value: string) =>
    setRows((current) => current?.map((row, i) => (i === index ? { ...row, [column]: value } : row)) ?? null);

  const startOver = () => {
    setRows(null);
    setReport(null);
    setConfirm(new Set());
  };

  const ready =
    report !== null &&
    report.file.length === 0 &&
    report.counts.errors === 0 &&
    report.rows.every((row) => !row.match?.needsConfirmation || confirm.has(row.row));

  return (
    <section className="attendee-import" aria-labelledby="attendee-import-heading">
      <h2 id="attendee-import-heading">{t('attendees.import.heading')}</h2>
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      {report === null ? (
        <>
          <p className="muted">{t('attendees.import.help', { columns: EXAMPLE })}</p>
          <TextAreaField
            label={t('attendees.import.paste')}
            name="csv"
            rows={8}
            value={text}
            onChange={(value) => {
              setText(value);
              setRows(null);
            }}
          />
          <div className="form-field">
            <label htmlFor="attendee-import-file">{t('attendees.import.upload')}</label>
            <input id="attendee-import-file" type="file" accept=".csv,text/csv" onChange={(e) => void upload(e)} />
          </div>
          <p className="actions">
            <button type="button" className="button" disabled={busy || !text.trim()} onClick={() => void send(true)}>
              {t('attendees.import.preview')}
            </button>
          </p>
        </>
      ) : (
        <Preview
          report={report}
          rows={rows ?? []}
          confirm={confirm}
          onConfirm={(row, yes) =>
            setConfirm((current) => {
              const next = new Set(current);
              if (yes) next.add(row);
              else next.delete(row);
              return next;
            })
          }
          onEdit={edit}
        />
      )}
      {problem ? (
        <p className="form-field__error" role="alert">
          {problem}
        </p>
      ) : null}
      {report !== null ? (
        <p className="actions">
          <button type="button" className="button button--quiet" disabled={busy} onClick={() => void send(true)}>
            {t('attendees.import.checkAgain')}
          </button>
          <button type="button" className="button" disabled={busy || !ready} onClick={() => void send(false)}>
            {t('attendees.import.apply', { count: report.counts.rows })}
          </button>
          <button type="button" className="button button--quiet" disabled={busy} onClick={startOver}>
            {t('attendees.import.startOver')}
          </button>
        </p>
      ) : null}
    </section>
  );
}

function Preview(props: {
  report: AttendeeImportReport;
  rows: AttendeeRowInput[];
  confirm: Set<number>;
  onConfirm(row: number, yes: boolean): void;
  onEdit(index: number, column: AttendeeColumn, value: string): void;
}) {
  const { t } = useI18n();
  const { report } = props;
  return (
    <>
      <p role="status">
        {t('attendees.import.counts', {
          rows: report.counts.rows,
          new: report.counts.new,
          matched: report.counts.matched,
          errors: report.counts.errors,
        })}
      </p>
      {report.file.length > 0 ? (
        <ul className="attendee-import__file" role="alert">
          {report.file.map((f) => (
            <li key={`${f.line} ${f.message}`}>
              {t('attendees.import.lineProblem', { line: f.line, problem: f.message })}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="attendee-preview-wrap">
        <table className="attendee-preview">
          <caption className="visually-hidden">{t('attendees.import.previewCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('attendees.import.who')}</th>
              <th scope="col">{t('attendees.import.result')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row, index) => (
              <PreviewRow key={row.row} index={index} row={row} {...props} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function PreviewRow({
  index,
  row,
  rows,
  confirm,
  onConfirm,
  onEdit,
}: {
  index: number;
  row: ImportedRow;
  rows: AttendeeRowInput[];
  confirm: Set<number>;
  onConfirm(row: number, yes: boolean): void;
  onEdit(index: number, column: AttendeeColumn, value: string): void;
}) {
  const { t } = useI18n();
  const cells = rows[index] ?? {};
  const wrongFields = [...new Set(row.problems.flatMap((p) => (p.field ? [p.field as AttendeeColumn] : [])))];
  const outcome = row.match?.needsConfirmation && row.outcome === 'matched' ? 'confirm' : row.outcome;
  return (
    <tr className={`attendee-preview__row attendee-preview__row--${outcome}`}>
      <td>{row.row}</td>
      <td>
        <strong>{row.name ?? '—'}</strong>
        {row.email ? <span className="attendee-preview__email">{row.email}</span> : null}
      </td>
      <td>
        <span className={`badge attendee-outcome attendee-outcome--${outcome}`}>
          {t(`attendees.import.outcome.${outcome}`)}
        </span>
        {row.match ? (
          <span className="attendee-preview__detail">
            {t(row.match.by === 'email' ? 'attendees.import.matchByEmail' : 'attendees.import.matchByName', {
              name: row.match.name,
            })}
          </span>
        ) : null}
        {row.match?.needsConfirmation && row.outcome !== 'error' ? (
          <label className="attendee-flag">
            <input
              type="checkbox"
              checked={confirm.has(row.row)}
              onChange={(e) => onConfirm(row.row, e.target.checked)}
            />
            {t('attendees.import.confirmSame', { name: row.match.name })}
          </label>
        ) : null}
        {row.problems.length > 0 ? (
          <ul className="attendee-preview__problems">
            {row.problems.map((p) => (
              <li key={`${p.field} ${p.message}`}>{p.message}</li>
            ))}
          </ul>
        ) : null}
        {wrongFields.map((field) =>
          field === 'organization' && row.organizationChoices.length > 0 ? (
            <label key={field} className="attendee-fix">
              {t('attendees.import.chooseOrganization', { row: row.row })}
              <select value={cells.organization ?? ''} onChange={(e) => onEdit(index, 'organization', e.target.value)}>
                <option value={cells.organization ?? ''}>{cells.organization ?? ''}</option>
                {row.organizationChoices.map((o) => (
                  <option key={o.slug} value={o.slug}>
                    {o.acronym ? `${o.name} (${o.acronym})` : o.name}
                  </option>
                ))}
              </select>
            </label>
          ) : ATTENDEE_COLUMNS.includes(field) ? (
            <label key={field} className="attendee-fix">
              {t('attendees.import.fix', { column: t(`attendees.column.${field}`), row: row.row })}
              <input type="text" value={cells[field] ?? ''} onChange={(e) => onEdit(index, field, e.target.value)} />
            </label>
          ) : null,
        )}
      </td>
    </tr>
  );
}

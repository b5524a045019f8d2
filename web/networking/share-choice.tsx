import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import type { Share, Sharing } from '../../shared/api/networking.ts';
import { apiWrite } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

const FIELDS = ['email', 'phone', 'website'] as const;

/**
 * What I give one contact: my e-mail, phone and links, each ticked or not. Offered at once after connecting,
 * ticked as I chose last time (nothing, the first time); saved, it shows to that person alone and can be
 * changed or taken back here at any time.
 */
export function ShareChoice({
  contact,
  current,
  sharing,
  onSaved,
}: {
  contact: { id: string; name: string };
  current: Share | null;
  sharing: Sharing;
  onSaved?(share: Share): void;
}) {
  const { t, language } = useI18n();
  const [choice, setChoice] = useState<Share>(current ?? sharing.default);
  const [status, setStatus] = useState<'idle' | 'busy' | 'saved' | { problem: string }>('idle');
  const offered = FIELDS.filter((field) => sharing.mine[field]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('busy');
    try {
      const saved = await apiWrite<{ share: Share }>('PUT', `/api/me/contacts/${contact.id}/share`, language, {
        email: choice.email && Boolean(sharing.mine.email),
        phone: choice.phone && Boolean(sharing.mine.phone),
        website: choice.website && Boolean(sharing.mine.website),
      });
      setStatus('saved');
      onSaved?.(saved.share);
    } catch (error) {
      setStatus({ problem: error instanceof Error ? error.message : String(error) });
    }
  };

  if (offered.length === 0) {
    return (
      <p className="share-choice share-choice--empty">
        {t('networking.share.nothingToShare')} <Link href="/me/profile">{t('networking.share.addDetails')}</Link>
      </p>
    );
  }
  return (
    <form className={`share-choice${current ? '' : ' share-choice--new'}`} onSubmit={save}>
      <fieldset>
        <legend>
          {current
            ? t('networking.share.title', { name: contact.name })
            : t('networking.share.ask', { name: contact.name })}
        </legend>
        {offered.map((field) => (
          <label key={field} className="share-choice__field">
            <input
              type="checkbox"
              name={field}
              checked={choice[field]}
              onChange={(e) => {
                setChoice({ ...choice, [field]: e.target.checked });
                setStatus('idle');
              }}
            />
            <span>
              {t(`networking.share.${field}`)} <span className="share-choice__value">{sharing.mine[field]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="share-choice__actions">
        <button type="submit" className="button" disabled={status === 'busy'}>
          {t('networking.share.save')}
        </button>
        <span role="status" className="contact__note-state">
          {status === 'saved' ? t('networking.share.saved', { name: contact.name }) : null}
          {typeof status === 'object' ? status.problem : null}
        </span>
      </div>
    </form>
  );
}

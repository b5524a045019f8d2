import { useId, useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';

/**
 * What the news feed is and how to follow it, instead of a raw link that
 * opens a wall of XML on a phone. The address is there to copy into a reader.
 */
export function SubscribePage() {
  const { t, language } = useI18n();
  usePageTitle(t('feed.title'));
  const [copied, setCopied] = useState(false);
  const fieldId = useId();
  const address = `${window.location.origin}/feed.atom?lang=${language}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(address);
      setCopied(true);
    } catch {
      // Without clipboard access the address stays selectable in its field.
      (document.getElementById(fieldId) as HTMLInputElement | null)?.select();
    }
  }

  return (
    <article className="subscribe-page">
      <header className="page-header">
        <h1>{t('feed.title')}</h1>
        <p className="lead">{t('feed.intro')}</p>
      </header>
      <div className="field">
        <label htmlFor={fieldId}>{t('feed.address')}</label>
        <input id={fieldId} readOnly value={address} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <p className="actions">
        <button type="button" className="button" onClick={() => void copy()}>
          {t('feed.copy')}
        </button>
      </p>
      <p role="status">{copied ? t('feed.copied') : ''}</p>
      <p className="muted">{t('feed.phoneHint')}</p>
      <p>
        <Link href="/news">{t('feed.readHere')}</Link>
      </p>
    </article>
  );
}

import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { isBadgeCode, normalizeBadgeCode } from '../../shared/badge-code.ts';
import { useMe } from '../accounts/use-me.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ScanStatus } from './scan-list.tsx';
import { addScan, useScans } from './scan-queue.ts';
import './networking.css';

/**
 * Where a badge's QR leads when a phone's own camera reads it. The scan is
 * kept on the phone at once, with the moment it was made; it is sent now, or
 * after signing in, or when the network returns.
 */
export function ConnectCodePage({ slug, code }: { slug: string; code: string }) {
  const { t, language } = useI18n();
  usePageTitle(t('networking.scan.title'));
  const { me } = useMe();
  const [nonce, setNonce] = useState<string | null>(null);
  const started = useRef(false);
  const scans = useScans();
  const scan = scans.find((s) => s.nonce === nonce);
  const normalized = normalizeBadgeCode(code);
  const valid = isBadgeCode(normalized);

  useEffect(() => {
    if (started.current || !valid) return;
    started.current = true;
    void addScan(slug, normalized, 'badge_qr', language).then((added) => setNonce(added.nonce));
  }, [slug, normalized, valid, language]);

  return (
    <div className="connect">
      <header className="page-header">
        <h1>{t('networking.scan.title')}</h1>
      </header>
      {!valid ? (
        <p className="notice" role="alert">
          {t('networking.scan.badCode')}
        </p>
      ) : (
        <div className="connect__result" role="status">
          <p className="connect__code">{normalized}</p>
          {scan ? <ScanStatus scan={scan} /> : null}
        </div>
      )}
      {me === null ? (
        <p className="notice">
          {t('networking.scan.signInToSend')}{' '}
          <Link href={`/sign-in?next=/connect/${slug}`}>{t('networking.signIn')}</Link>
        </p>
      ) : null}
      <p className="actions">
        <Link href={`/connect/${slug}`} className="button">
          {t('networking.scan.more')}
        </Link>
        <Link href="/contacts" className="button button--quiet">
          {t('networking.contacts.title')}
        </Link>
      </p>
    </div>
  );
}

import { useI18n } from '../i18n/i18n-context.tsx';
import type { QueuedScan } from './scan-queue.ts';

/** One scan as the phone knows it: sent, waiting to send, or rejected with the server's reason. */
export function ScanStatus({ scan }: { scan: QueuedScan }) {
  const { t } = useI18n();
  if (scan.state === 'sent') {
    return (
      <span className="scan__state scan__state--sent">
        {scan.outcome === 'connected'
          ? t('networking.scan.connected', { name: scan.contact?.name ?? scan.code })
          : t('networking.scan.repeat', { name: scan.contact?.name ?? scan.code })}
      </span>
    );
  }
  if (scan.state === 'rejected') {
    return (
      <span className="scan__state scan__state--rejected">
        {t('networking.scan.rejected', { reason: scan.message ?? scan.reason ?? '' })}
      </span>
    );
  }
  return (
    <span className="scan__state scan__state--waiting">
      {scan.needsSignIn ? t('networking.scan.waitingSignIn') : t('networking.scan.waiting')}
    </span>
  );
}

export function ScanList({ scans }: { scans: QueuedScan[] }) {
  const { t, locale } = useI18n();
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (scans.length === 0) return <p className="empty-state">{t('networking.scan.none')}</p>;
  return (
    <ul className="scan-list" aria-label={t('networking.scan.recent')}>
      {scans.map((scan) => (
        <li key={scan.nonce} className={`scan scan--${scan.state}`} data-state={scan.state}>
          <span className="scan__code">{scan.contact?.name ?? scan.code}</span>
          <time className="scan__time" dateTime={scan.scannedAt}>
            {time.format(new Date(scan.scannedAt))}
          </time>
          <ScanStatus scan={scan} />
        </li>
      ))}
    </ul>
  );
}

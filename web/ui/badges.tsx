import type { OrganizationKind, OrganizationStatus, SessionKind } from '../../shared/domain.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function OrganizationKindBadge({ kind }: { kind: OrganizationKind }) {
  const { t } = useI18n();
  return <span className={`badge badge--org-${kind}`}>{t(`kind.organization.${kind}`)}</span>;
}

/** Only the unusual status is worth a badge: an association still being built. */
export function OrganizationStatusBadge({ status }: { status: OrganizationStatus }) {
  const { t } = useI18n();
  if (status === 'active') return null;
  return <span className="badge badge--in-formation">{t(`status.organization.${status}`)}</span>;
}

export function SessionKindBadge({ kind }: { kind: SessionKind }) {
  const { t } = useI18n();
  return <span className={`badge badge--session-${kind}`}>{t(`kind.session.${kind}`)}</span>;
}

export function FictionalBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge--fictional" title={t('person.fictionalExplained')}>
      {t('person.fictional')}
    </span>
  );
}

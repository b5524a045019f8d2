import type { BuildingProgrammeStatus } from '../../shared/api/building.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function ProgrammeStatusBadge({ status }: { status: BuildingProgrammeStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge--programme-${status}`}>{t(`building.status.${status}`)}</span>;
}

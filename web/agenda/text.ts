import type enAgenda from '../../shared/i18n/en/agenda.json';
import type { MessageValues } from '../../shared/i18n/index.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export type AgendaKey = keyof typeof enAgenda;

/** `t` for the agenda's own catalog (shared/i18n/{en,es}/agenda.json). */
export function useAgendaText(): (key: AgendaKey, values?: MessageValues) => string {
  const { t } = useI18n();
  return (key, values) => t(key, values);
}

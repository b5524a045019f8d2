import type { Topic } from '../../shared/api/common.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function TopicChips({ topics, label }: { topics: Topic[]; label?: string }) {
  const { language, t } = useI18n();
  if (topics.length === 0) return null;
  return (
    <ul className="chips" aria-label={label ?? t('topics.label')}>
      {topics.map((topic) => (
        <li key={topic.slug} className="chip">
          {topic.name[language]}
        </li>
      ))}
    </ul>
  );
}

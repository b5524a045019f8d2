import { Link } from 'wouter';
import { useI18n } from '../i18n/i18n-context.tsx';

/** From a session's card to its room: questions, polls and feedback. */
export function RoomLink({ slug, sessionId }: { slug: string; sessionId: string }) {
  const { t } = useI18n();
  return (
    <p className="session__room">
      <Link href={`/events/${encodeURIComponent(slug)}/sessions/${encodeURIComponent(sessionId)}/room`}>
        {t('audience.room.link')}
      </Link>
    </p>
  );
}

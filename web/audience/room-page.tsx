import { Link } from 'wouter';
import { useMe } from '../accounts/use-me.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { sessionHref } from '../ui/session-href.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { ApprovalSetting, FeedbackPanel } from './feedback-panel.tsx';
import { PollsPanel } from './polls-panel.tsx';
import { QuestionsPanel } from './questions-panel.tsx';
import { useRoom } from './use-room.ts';
import './audience.css';

/** /events/:slug/sessions/:id/room — a session's room on the phone: questions, polls, feedback. */
export function RoomPage({ slug, sessionId }: { slug: string; sessionId: string }) {
  const { t, text } = useI18n();
  const room = useRoom(slug, sessionId);
  const { me } = useMe();
  const session = room.questions?.session;
  usePageTitle(session ? t('audience.room.pageTitle', { title: text(session.title) }) : undefined);
  if (room.error && !room.questions) return <ErrorState error={room.error} onRetry={room.reload} asPage />;
  if (!room.questions || !session) return <Loading />;
  return (
    <div className="room" data-live={room.live}>
      <header className="page-header">
        <p className="eyebrow">
          <Link href={sessionHref({ slug }, session)}>{t('audience.room.backToProgramme')}</Link>
        </p>
        <LocalizedText text={session.title} as="h1" />
        <p className="lead">{t('audience.room.intro')}</p>
        <p>
          <Link href={`/events/${slug}/sessions/${sessionId}/stage`}>{t('audience.room.stageLink')}</Link>
        </p>
        <ApprovalSettingIfStaff slug={slug} />
      </header>
      <PollsPanel room={room} />
      <QuestionsPanel room={room} />
      {me ? <FeedbackPanel sessionId={sessionId} /> : null}
    </div>
  );
}

/** The event's setting is staff's; a session's moderator sees only the questions. */
function ApprovalSettingIfStaff({ slug }: { slug: string }) {
  const { me } = useMe();
  return me?.role === 'admin' ? <ApprovalSetting slug={slug} /> : null;
}

import { Link } from 'wouter';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from './page-title.ts';

export function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t('notFound.title'));
  return (
    <section className="not-found">
      <p className="eyebrow">404</p>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <ul className="link-list">
        <li>
          <Link href="/">{t('notFound.home')}</Link>
        </li>
        <li>
          <Link href="/organizations">{t('nav.directory')}</Link>
        </li>
        <li>
          <Link href="/events">{t('nav.programme')}</Link>
        </li>
      </ul>
    </section>
  );
}

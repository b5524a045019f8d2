import { type ReactNode, useEffect, useRef } from 'react';
import { Link, useLocation } from 'wouter';
import { AccountMenu } from './accounts/account-menu.tsx';
import { useMe } from './accounts/use-me.ts';
import { AnnouncementBanner } from './announcements/announcement-banner.tsx';
import { InboxIndicator } from './announcements/inbox-indicator.tsx';
import { useI18n } from './i18n/i18n-context.tsx';
import { useScanQueue } from './networking/scan-queue.ts';
import { OfflineBanner } from './offline/offline-banner.tsx';
import { useCurrentEvent } from './programme/current-event.ts';
import { NotificationsIndicator } from './rsvp/notifications-indicator.tsx';
import { TabBar } from './tab-bar.tsx';
import { Logo } from './ui/icons.tsx';
import { LanguageSwitcher } from './ui/language-switcher.tsx';

function NavLink({ href, section, children }: { href: string; section: string; children: ReactNode }) {
  const [location] = useLocation();
  const current = location === section || location.startsWith(`${section}/`);
  return (
    <Link href={href} className="site-nav__link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, language } = useI18n();
  useScanQueue(language);
  const [location] = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const previousLocation = useRef(location);

  // After client-side navigation, start reading and tabbing at the new page's
  // content, as a full page load would (only the path counts, not filters).
  useEffect(() => {
    if (previousLocation.current === location) return;
    previousLocation.current = location;
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [location]);

  const current = useCurrentEvent();
  const slug = current.event?.slug;
  const programmeHref = slug ? `/events/${slug}` : '/events';
  const { me } = useMe();

  return (
    <>
      <a href="#main" className="skip-link">
        {t('layout.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link href="/" className="brand">
            <Logo />
            <span>Encuentro</span>
          </Link>
          <LanguageSwitcher />
          <AccountMenu />
          <ul className="site-header__bell">
            <InboxIndicator />
            <NotificationsIndicator />
          </ul>
          <nav className="site-nav" aria-label={t('nav.label')}>
            <ul>
              <li>
                <NavLink href="/organizations" section="/organizations">
                  {t('nav.directory')}
                </NavLink>
              </li>
              <li>
                <NavLink href="/people" section="/people">
                  {t('nav.people')}
                </NavLink>
              </li>
              <li>
                <NavLink href={programmeHref} section="/events">
                  {t('nav.programme')}
                </NavLink>
              </li>
              {me?.person ? (
                <li>
                  <NavLink href="/my-trip" section="/my-trip">
                    {t('agenda.nav')}
                  </NavLink>
                </li>
              ) : null}
              <li>
                <NavLink href="/working-groups" section="/working-groups">
                  {t('nav.workingGroups')}
                </NavLink>
              </li>
              <li>
                <NavLink href="/building-programmes" section="/building-programmes">
                  {t('building.nav')}
                </NavLink>
              </li>
              <li>
                <NavLink href={slug ? `/connect/${slug}` : '/contacts'} section="/connect">
                  {t('networking.nav')}
                </NavLink>
              </li>
              <li>
                <NavLink href="/news" section="/news">
                  {t('news.nav')}
                </NavLink>
              </li>
              {me?.role === 'editor' || me?.role === 'admin' ? (
                <li>
                  <NavLink href="/write" section="/write">
                    {t('news.write.nav')}
                  </NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
        </div>
      </header>
      <OfflineBanner />
      <AnnouncementBanner />
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>{t('footer.about')}</p>
          <p>
            <Link href="/news/subscribe">{t('footer.feed')}</Link>
          </p>
        </div>
      </footer>
      <TabBar current={current} />
    </>
  );
}

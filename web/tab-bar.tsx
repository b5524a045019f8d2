import { type ReactNode, useEffect, useRef } from 'react';
import { Link, useLocation } from 'wouter';
import { signOut, useMe } from './accounts/use-me.ts';
import { useI18n } from './i18n/i18n-context.tsx';
import type { CurrentEvent } from './programme/current-event.ts';
import { EventSwitcher } from './programme/event-switcher.tsx';

function TabIcon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="tab-bar__icon"
      width="24"
      height="24"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

interface Tab {
  key: string;
  href: string;
  label: string;
  current: boolean;
  icon: ReactNode;
}

/**
 * The phone's bottom tabs (hidden from 40rem up, where the header's full menu
 * shows): Programme, My trip, Connect and Bingo of the current event, and
 * "More" for the rest of the menu. Within a thumb's reach, above the home bar.
 */
export function TabBar({ current }: { current: CurrentEvent }) {
  const { t } = useI18n();
  const [location] = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const slug = current.event?.slug;
  const on = (prefix: string) => location === prefix || location.startsWith(`${prefix}/`);
  const bingo = slug ? `/events/${slug}/bingo` : '/events';
  const connect = slug ? `/connect/${slug}` : '/contacts';
  const tabs: Tab[] = [
    {
      key: 'programme',
      href: slug ? `/events/${slug}` : '/events',
      label: t('nav.programme'),
      current: on('/events') && !location.endsWith('/bingo'),
      icon: (
        <>
          <rect x="3" y="5" width="18" height="16" rx="2" />
          <path d="M3 10h18M8 3v4M16 3v4" />
        </>
      ),
    },
    {
      key: 'trip',
      href: '/my-trip',
      label: t('agenda.nav'),
      current: on('/my-trip'),
      icon: <path d="M12 21s-7-6.2-7-11.5A7 7 0 0 1 19 9.5C19 14.8 12 21 12 21Z" />,
    },
    {
      key: 'connect',
      href: connect,
      label: t('networking.nav'),
      current: on('/connect') || on('/contacts'),
      icon: (
        <>
          <rect x="3" y="3" width="7" height="7" />
          <rect x="14" y="3" width="7" height="7" />
          <rect x="3" y="14" width="7" height="7" />
          <path d="M14 14h3v3h-3zM20 14v7M14 20h3" />
        </>
      ),
    },
    {
      key: 'bingo',
      href: bingo,
      label: t('tabs.bingo'),
      current: location.endsWith('/bingo'),
      icon: (
        <>
          <rect x="3" y="3" width="18" height="18" rx="2" />
          <path d="M9 3v18M15 3v18M3 9h18M3 15h18" />
        </>
      ),
    },
  ];

  return (
    <>
      <nav className="tab-bar" aria-label={t('tabs.label')}>
        <ul>
          {tabs.map((tab) => (
            <li key={tab.key}>
              <Link href={tab.href} className="tab-bar__tab" aria-current={tab.current ? 'page' : undefined}>
                <TabIcon>{tab.icon}</TabIcon>
                <span>{tab.label}</span>
              </Link>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="tab-bar__tab"
              aria-haspopup="dialog"
              onClick={() => dialog.current?.showModal()}
            >
              <TabIcon>
                <path d="M4 6h16M4 12h16M4 18h16" />
              </TabIcon>
              <span>{t('tabs.more')}</span>
            </button>
          </li>
        </ul>
      </nav>
      <MoreSheet dialog={dialog} current={current} />
    </>
  );
}

function MoreSheet({ dialog, current }: { dialog: React.RefObject<HTMLDialogElement | null>; current: CurrentEvent }) {
  const { t, language } = useI18n();
  const { me } = useMe();
  const [location] = useLocation();

  // Following a link closes the sheet.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new location is the reason to close
  useEffect(() => {
    dialog.current?.close();
  }, [location, dialog]);

  const links: [string, string][] = [
    ['/organizations', t('nav.directory')],
    ['/people', t('nav.people')],
    ['/events', t('tabs.allEvents')],
    ['/contacts', t('networking.contacts.title')],
    ['/working-groups', t('nav.workingGroups')],
    ['/building-programmes', t('building.nav')],
    ['/news', t('news.nav')],
    ['/news/subscribe', t('footer.feed')],
  ];
  if (me?.person) links.push(['/notifications', t('notifications.title')]);
  if (me?.role === 'editor' || me?.role === 'admin') links.push(['/write', t('news.write.nav')]);
  if (me?.role === 'admin') {
    links.push(['/staff', t('backOffice.title')], ['/admin/audit', t('editing.audit.title')]);
  }
  links.push(me ? ['/account', t('accounts.menu.account')] : ['/sign-in', t('accounts.menu.signIn')]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape closes a modal dialog by itself; the click is the backdrop's
    <dialog
      ref={dialog}
      className="more-sheet"
      aria-labelledby="more-sheet-title"
      onClick={(event) => {
        // A tap on the dimmed backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === event.currentTarget) dialog.current?.close();
      }}
    >
      <div className="more-sheet__content">
        <div className="more-sheet__header">
          <h2 id="more-sheet-title">{t('tabs.more')}</h2>
          <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
            {t('tabs.close')}
          </button>
        </div>
        <EventSwitcher current={current} />
        <ul className="more-sheet__links">
          {links.map(([href, label]) => (
            <li key={href}>
              <Link href={href} aria-current={location === href ? 'page' : undefined}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
        {me ? (
          <p>
            <button type="button" className="button button--quiet" onClick={() => void signOut(language)}>
              {t('accounts.menu.signOut')}
            </button>
          </p>
        ) : null}
      </div>
    </dialog>
  );
}

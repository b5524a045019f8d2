import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../server/accounts/service.ts';
import { users } from '../server/accounts/tables.ts';
import { rows } from '../server/db/client.ts';
import type { Language } from '../shared/domain.ts';
import { translate } from '../shared/i18n/index.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const GDL = 'fim-gdl-2024';
const MADRID = { slug: 'winhub-madrid-next', name: 'WINHUB Madrid' };
const SOONER = { slug: 'public-summit-next', name: 'Public Summit' };
const LOCALES: Record<Language, string> = { en: 'en-GB', es: 'es-ES' };
// PHONE_SCREENSHOTS=1 keeps pictures of each page at 390 px and at a desktop's width, for a reviewer.
const SCREENSHOTS = process.env.PHONE_SCREENSHOTS ? join('test-results', 'phone') : null;

const kinds = browserKinds(import.meta.url);

/** A date `days` from today, as YYYY-MM-DD. */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(kinds.length === 0).each(kinds)('the delegate’s phone on %s', (kind) => {
  let fixture: BrowserFixture;
  let token: string;

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    // A delegate of the Guadalajara trip who goes to Madrid next; a public event nearer still that they skip.
    const [delegate] = await rows<{ personId: string }>(
      ctx.db,
      sql`select a.person_id as "personId" from attendances a join events e on e.id = a.event_id
          join people p on p.id = a.person_id
          where e.slug = ${GDL} and not a.is_staff and not a.is_partner order by p.name limit 1`,
    );
    const personId = delegate?.personId as string;
    const madrid = await rows<{ id: string }>(
      ctx.db,
      sql`insert into events (slug, name_en, name_es, city, time_zone, starts_on, ends_on)
          values (${MADRID.slug}, ${MADRID.name}, ${MADRID.name}, 'Madrid', 'Europe/Madrid', ${dayFromNow(20)}, ${dayFromNow(22)}),
                 (${SOONER.slug}, ${SOONER.name}, ${SOONER.name}, 'Lima', 'America/Lima', ${dayFromNow(5)}, ${dayFromNow(6)})
          returning id`,
    );
    await ctx.db.execute(sql`insert into attendances (event_id, person_id, badge_code, rotating_secret)
                             values (${madrid[0]?.id}, ${personId}, 'MAD-PHONE', 'phone-secret')`);
    const [user] = await ctx.db
      .insert(users)
      .values({ email: 'traveller@phone.example', role: 'delegate', personId })
      .returning({ id: users.id });
    token = await startSession(ctx, user?.id as string, 'e2e');
  });
  afterAll(() => fixture?.close());

  const signedIn = async (language: Language) => {
    const browsing = await browse(fixture, { locale: LOCALES[language] });
    await browsing.context.addCookies([
      { name: 'encuentro_session', value: token, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    return browsing;
  };

  const shoot = async (page: Page, name: string, language: Language) => {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${language}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 390, height: 844 });
  };

  const tabsOf = (page: Page, language: Language) => {
    const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
    const tabs = page.getByRole('navigation', { name: t('tabs.label'), exact: true });
    return {
      t,
      tabs,
      tab: (key: Parameters<typeof translate>[1]) => tabs.getByRole('link', { name: t(key), exact: true }),
    };
  };

  it.each(['en', 'es'] as const)(
    'in %s: the tabs on each main page, and one current event for My trip and Connect, switched on either',
    async (language) => {
      const { page, errors } = await signedIn(language);
      const { t, tabs, tab } = tabsOf(page, language);

      await page.goto('/');
      for (const key of ['nav.programme', 'agenda.nav', 'networking.nav', 'tabs.bingo'] as const) {
        await tab(key).waitFor();
      }
      await tabs.getByRole('button', { name: t('tabs.more'), exact: true }).waitFor();

      // The event I attend next wins over a public one that comes sooner, on both tabs.
      await tab('agenda.nav').click();
      await page.getByRole('heading', { level: 1, name: t('agenda.pageTitle') }).waitFor();
      await eventually(() => page.locator('.my-trip .eyebrow').textContent()).toBe(MADRID.name);
      expect(await tab('agenda.nav').getAttribute('aria-current')).toBe('page');
      await shoot(page, 'my-trip', language);
      await tab('networking.nav').click();
      await page.getByRole('heading', { level: 1, name: t('networking.scan.title') }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/connect/${MADRID.slug}`);
      await eventually(() => page.locator('.connect .eyebrow').textContent()).toBe(MADRID.name);
      await shoot(page, 'connect', language);

      // Switching on Connect moves My trip too, and every tab with it.
      await page.getByRole('main').getByLabel(t('currentEvent.label'), { exact: true }).selectOption(GDL);
      await eventually(() => new URL(page.url()).pathname).toBe(`/connect/${GDL}`);
      await tab('agenda.nav').click();
      await eventually(() => page.locator('.my-trip .eyebrow').textContent()).toBe(
        language === 'en' ? 'WIN at FIM GDL 2024' : 'WIN en FIM GDL 2024',
      );
      await tab('nav.programme').click();
      await eventually(() => new URL(page.url()).pathname).toBe(`/events/${GDL}`);
      await shoot(page, 'programme', language);
      expect(errors).toEqual([]);
    },
    120_000,
  );

  it.each(['en', 'es'] as const)(
    'in %s: a session page from the programme, the tabs above the end of the page, the rest under More',
    async (language) => {
      const { page, errors } = await signedIn(language);
      const { t, tabs } = tabsOf(page, language);

      await page.goto(`/events/${GDL}`);
      const firstTitle = page.locator('.session__link').first();
      // A cold start of the programme (its chunk, the event and its sessions) on a busy machine.
      await firstTitle.waitFor({ timeout: 30_000 });
      const title = (await firstTitle.textContent())?.trim();
      await firstTitle.click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/events/${GDL}/sessions/[0-9a-f-]{36}$`));
      await page.getByRole('heading', { level: 2, name: t('session.seats') }).waitFor();
      await page.getByText(t('session.contactsPrivate')).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shoot(page, 'session', language);

      // The tabs never cover the end of the page.
      // (Scrolled again each time: the seat counts and the contacts below may still be arriving.)
      const footerBelowTabs = async () => {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        const footer = await page.locator('.site-footer').boundingBox();
        const bar = await tabs.boundingBox();
        return footer !== null && bar !== null && footer.y + footer.height <= bar.y + 1;
      };
      await eventually(footerBelowTabs).toBe(true);

      // "More" holds the rest of the menu.
      await tabs.getByRole('button', { name: t('tabs.more'), exact: true }).click();
      const more = page.getByRole('dialog', { name: t('tabs.more') });
      await more.getByRole('link', { name: t('nav.directory'), exact: true }).click();
      await eventually(() => new URL(page.url()).pathname).toBe('/organizations');
      expect(await more.isVisible()).toBe(false);
      expect(errors).toEqual([]);
    },
    120_000,
  );
});

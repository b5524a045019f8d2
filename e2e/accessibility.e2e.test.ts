import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { PersonSummary } from '../shared/api/directory.ts';
import type { Language } from '../shared/domain.ts';
import {
  type AxeViolation,
  type BrowserFixture,
  browserKinds,
  closeContext,
  newPage,
  seriousAxeViolations,
  startBrowserFixture,
} from '../test/browser.ts';
import { Layout } from './pages/layout.ts';
import { apiGet } from './support/api.ts';
import { ACTION_TIMEOUT_MS, type Browsing } from './support/browsing.ts';

const kinds = browserKinds(import.meta.url);
const PHONE_WIDTH = 390;

/** The language comes from the browser's preferences, as for a first visit. */
const LOCALES: Record<Language, string> = { en: 'en-GB', es: 'es-MX' };

type Bilingual = Record<Language, string>;

interface PageUnderTest {
  name: string;
  path: (ids: { noemi: string }) => string;
  /** The page's h1. */
  title: Bilingual;
  /** Something that appears only once the page has loaded everything it shows. */
  loaded: (page: Page, language: Language) => Locator;
}

const heading1 = (page: Page, language: Language, title: Bilingual) =>
  page.getByRole('heading', { level: 1, name: title[language], exact: true });

const PAGES: PageUnderTest[] = [
  {
    name: 'home',
    path: () => '/',
    title: {
      en: 'Where the independent music network meets',
      es: 'Donde se encuentra la red de la música independiente',
    },
    loaded: (page, language) =>
      page
        .getByRole('main')
        .getByRole('link', { name: { en: 'WIN at FIM GDL 2024', es: 'WIN en FIM GDL 2024' }[language] }),
  },
  {
    name: 'directory',
    path: () => '/organizations',
    title: { en: 'Directory', es: 'Directorio' },
    loaded: (page, language) =>
      page
        .getByRole('region', { name: { en: 'Organisations found', es: 'Organizaciones encontradas' }[language] })
        .getByRole('status'),
  },
  {
    name: 'an organisation',
    path: () => '/organizations/imichile',
    title: { en: 'IMICHILE', es: 'IMICHILE' },
    // Its working groups load after the organisation itself.
    loaded: (page, language) =>
      page.getByRole('region', { name: { en: 'Working groups', es: 'Grupos de trabajo' }[language], exact: true }),
  },
  {
    name: 'people',
    path: () => '/people',
    title: { en: 'People', es: 'Personas' },
    loaded: (page, language) =>
      page
        .getByRole('region', { name: { en: 'People found', es: 'Personas encontradas' }[language] })
        .getByRole('status'),
  },
  {
    name: 'a person',
    path: ({ noemi }) => `/people/${noemi}`,
    title: { en: 'Noemí Planas', es: 'Noemí Planas' },
    // The sessions she speaks at load after her profile.
    loaded: (page, language) =>
      page.getByRole('region', { name: { en: 'Speaking at', es: 'Participa en' }[language], exact: true }),
  },
  {
    name: 'working groups',
    path: () => '/working-groups',
    title: { en: 'Working groups', es: 'Grupos de trabajo' },
    loaded: (page, language) =>
      page
        .getByRole('main')
        .getByRole('link', { name: { en: 'LatAm Network', es: 'Red LatAm' }[language], exact: true }),
  },
  {
    name: 'a working group',
    path: () => '/working-groups/latam-network',
    title: { en: 'LatAm Network', es: 'Red LatAm' },
    loaded: (page, language) => heading1(page, language, { en: 'LatAm Network', es: 'Red LatAm' }),
  },
  {
    name: 'the programme',
    path: () => '/events/fim-gdl-2024',
    title: { en: 'WIN at FIM GDL 2024', es: 'WIN en FIM GDL 2024' },
    loaded: (page, language) =>
      page
        .getByRole('region', { name: { en: 'Sessions', es: 'Sesiones' }[language], exact: true })
        .getByRole('status')
        .filter({ hasText: /\d/ }),
  },
  {
    name: 'a missing page',
    path: () => '/no-such-page',
    title: { en: 'Page not found', es: 'Página no encontrada' },
    loaded: (page, language) => heading1(page, language, { en: 'Page not found', es: 'Página no encontrada' }),
  },
];

function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((node) => node.target.join(' ')).join('\n    ')}`)
    .join('\n');
}

describe.skipIf(kinds.length === 0).each(kinds)('accessibility on %s', (kind) => {
  let fixture: BrowserFixture;
  let noemi: string;
  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const found = await apiGet<{ items: PersonSummary[] }>(fixture, '/api/people?q=noemi%20planas');
    noemi = found.items[0]!.id;
  });
  afterAll(() => fixture?.close());

  describe.each(['en', 'es'] as const)('in %s, on a 390 px wide phone', (language) => {
    // One context per language, shared by its pages: they only read, so they
    // cannot disturb one another, and nothing here stores a language choice,
    // so every load still takes its language from the browser's preferences.
    let browsing: Browsing;
    let anyFailed = false;
    beforeAll(async () => {
      browsing = await newPage(fixture, { locale: LOCALES[language], width: PHONE_WIDTH, height: 844 });
      browsing.context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    });
    afterAll(async () => {
      if (browsing) await closeContext(browsing.context, anyFailed ? `accessibility ${kind} ${language}` : undefined);
    });

    it.each(PAGES.map((target) => [target.name, target] as const))(
      '%s: no serious axe violations, one h1, the right lang, no sideways scroll',
      async (_name, target) => {
        onTestFailed(() => {
          anyFailed = true;
        });
        const { page, errors } = browsing;
        errors.length = 0;
        await page.goto(target.path({ noemi }));
        await target.loaded(page, language).waitFor();
        const layout = new Layout(page, language);

        const violations = await seriousAxeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
        expect(await layout.mainHeading.allTextContents()).toEqual([target.title[language]]);
        expect(await layout.documentLanguage()).toBe(language);
        expect(await layout.chosenLanguage()).toBe(language === 'en' ? 'English' : 'Español');
        expect(await layout.skipLink.count()).toBe(1);
        expect(await layout.documentWidth()).toBeLessThanOrEqual(PHONE_WIDTH);
        expect(errors).toEqual([]);
      },
    );
  });
});

import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../shared/domain.ts';
import { type BrowserFixture, browserAvailable, startBrowserFixture } from '../test/browser.ts';
import { databaseKinds } from '../test/databases.ts';
import { DirectoryPage } from './pages/directory-page.ts';
import { ProgrammePage } from './pages/programme-page.ts';
import { browse } from './support/browsing.ts';

/**
 * Full-page pictures of the busiest pages for people reviewing a change (in
 * test-results/, which git ignores). Nothing is compared: the check that
 * matters is that a reviewer can look.
 */
// One database is enough here: the pictures would be the same on both, and
// the other e2e files already run every behaviour on each kind.
const kinds = browserAvailable() ? databaseKinds().slice(0, 1) : [];
const SCREENSHOTS = join('test-results', 'screenshots');
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;
const LOCALES: Record<Language, string> = { en: 'en-GB', es: 'es-ES' };

describe.skipIf(kinds.length === 0).each(kinds)('screenshots on %s', (kind) => {
  let fixture: BrowserFixture;
  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(() => fixture?.close());

  it.each(['en', 'es'] as const)(
    'of the directory and the programme in %s, on a phone and a desktop',
    async (language) => {
      const { page } = await browse(fixture, { locale: LOCALES[language] });
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        const shots = [
          { name: 'directory', open: () => new DirectoryPage(page, language).open() },
          { name: 'programme', open: () => new ProgrammePage(page, language).open('fim-gdl-2024') },
        ];
        for (const shot of shots) {
          await shot.open();
          const path = join(SCREENSHOTS, `${shot.name}-${language}-${viewport.width}x${viewport.height}.png`);
          await page.screenshot({ path, fullPage: true });
          expect(statSync(path).size, path).toBeGreaterThan(0);
        }
      }
    },
  );
});

import type { BrowserFixture } from '../../test/browser.ts';

/**
 * Reads the API of the app under test, so expectations come from the same
 * data the page shows instead of being copied into the test.
 */
export async function apiGet<T>(fixture: BrowserFixture, path: string): Promise<T> {
  const response = await fetch(new URL(path, fixture.baseUrl), { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

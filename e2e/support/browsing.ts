import type { BrowserContext, Page } from 'playwright-core';
import { onTestFinished } from 'vitest';
import { type BrowserFixture, type ContextOptions, closeContext, newPage } from '../../test/browser.ts';

export interface Browsing {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors thrown in the page, in order. */
  errors: string[];
}

export const ACTION_TIMEOUT_MS = 10_000;

/**
 * A fresh browser context for the current test only: nothing (storage,
 * cookies, language or time-zone choices) leaks in from another test. It is
 * closed when the test ends, keeping its trace in test-results/ if it failed.
 */
export async function browse(fixture: BrowserFixture, options: ContextOptions = {}): Promise<Browsing> {
  const browsing = await newPage(fixture, options);
  // A missing element should fail the test in seconds, not at Playwright's 30 s default.
  browsing.context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  onTestFinished(async ({ task }) => {
    await closeContext(browsing.context, task.result?.state === 'fail' ? task.fullName : undefined);
  });
  return browsing;
}

import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../server/accounts/service.ts';
import { users } from '../server/accounts/tables.ts';
import { rows } from '../server/db/client.ts';
import type { Language } from '../shared/domain.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { browse } from './support/browsing.ts';

const LABELS = {
  en: {
    open: 'Agenda, minutes and action items',
    minutesInOwnLanguage: 'In English',
    saveMinutes: 'Save minutes',
    saved: 'Saved.',
    addActionItem: 'Add an action item',
    textEn: 'Text in English',
    owner: 'Owner',
    dueOn: 'Due date',
    add: 'Add',
    openItems: 'Open action items',
    internal: 'Internal',
  },
  es: {
    open: 'Orden del día, actas y tareas',
    minutesInOwnLanguage: 'En español',
    saveMinutes: 'Guardar acta',
    saved: 'Guardado.',
    addActionItem: 'Añadir una tarea',
    textEn: 'Texto en inglés',
    owner: 'Responsable',
    dueOn: 'Fecha límite',
    add: 'Añadir',
    openItems: 'Tareas pendientes',
    internal: 'Interno',
  },
} satisfies Record<Language, Record<string, string>>;

/** The meeting page (/meetings/:sessionId) as its editors use it. */
class MeetingPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}
  get labels() {
    return LABELS[this.language];
  }
  minutesForm(internal: boolean) {
    const name =
      this.language === 'en'
        ? internal
          ? 'Internal minutes (members and staff)'
          : 'Minutes (everyone who sees the meeting)'
        : internal
          ? 'Acta interna (miembros y equipo)'
          : 'Acta (todos los que ven la reunión)';
    return this.page.getByRole('form', { name, exact: true });
  }
  /** Writes the minutes in the reader's language, the version the page then shows. */
  async writeMinutes(internal: boolean, text: string) {
    const form = this.minutesForm(internal);
    await form.getByLabel(this.labels.minutesInOwnLanguage, { exact: true }).fill(text);
    await form.getByRole('button', { name: this.labels.saveMinutes, exact: true }).click();
    await form.getByRole('status').filter({ hasText: this.labels.saved }).waitFor();
  }
  async addActionItem(text: string, owner: string, dueOn: string) {
    const form = this.page.getByRole('form', { name: this.labels.addActionItem, exact: true });
    await form.getByLabel(this.labels.textEn, { exact: true }).fill(text);
    await form.getByLabel(this.labels.owner, { exact: true }).selectOption({ label: owner });
    await form.getByLabel(this.labels.dueOn, { exact: true }).fill(dueOn);
    await form.getByRole('button', { name: this.labels.add, exact: true }).click();
  }
}

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('working-group meetings in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let adminToken: string;

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    const [admin] = await ctx.db
      .insert(users)
      .values({ email: 'minutes@win.example', role: 'admin' })
      .returning({ id: users.id });
    adminToken = await startSession(ctx, admin?.id as string, 'e2e');
  });
  afterAll(() => fixture?.close());

  async function browseAs(language: Language, token?: string) {
    const browsing = await browse(fixture, { locale: language === 'es' ? 'es-ES' : 'en-GB' });
    await browsing.context.addCookies([
      ...(token
        ? [{ name: 'encuentro_session', value: token, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' as const }]
        : []),
      { name: 'lang', value: language, url: fixture.baseUrl },
    ]);
    return browsing;
  }

  it.each(['en', 'es'] as const)(
    'records minutes and an action item, and the group overview shows it (%s)',
    async (language) => {
      const labels = LABELS[language];
      const { page, errors } = await browseAs(language, adminToken);
      await page.goto('/working-groups/latam-network');
      await page.getByRole('link', { name: labels.open, exact: true }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      const meeting = new MeetingPage(page, language);
      expect(await seriousAxeViolations(page)).toEqual([]);

      const publicText = `Agreed to meet again in Bogotá (${language}).`;
      await meeting.writeMinutes(false, publicText);
      await page.locator('.minutes-part').filter({ hasText: publicText }).first().waitFor();

      const task = `Book the Bogotá venue (${language})`;
      await meeting.addActionItem(task, 'Valentina Ospina', '2030-05-31');
      await page.locator('.action-item').filter({ hasText: task }).waitFor();

      await page.goto('/working-groups/latam-network');
      const overview = page.getByRole('region', { name: new RegExp(`^${labels.openItems}`) });
      const item = overview.locator('.action-item').filter({ hasText: task });
      await item.waitFor();
      expect(await item.textContent()).toContain('Valentina Ospina');
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    },
  );

  it('shows the internal minutes to staff with their badge, and not to the public', async () => {
    const ctx = fixture.server.runtime.ctx;
    const [meeting] = await rows<{ id: string }>(
      ctx.db,
      sql`select id from sessions where title_en = 'LatAm Network meeting'`,
    );
    const staff = await browseAs('en', adminToken);
    await staff.page.goto(`/meetings/${meeting?.id}`);
    await staff.page.locator('.minutes-part--internal').getByText(LABELS.en.internal, { exact: true }).waitFor();

    const visitor = await browseAs('es');
    await visitor.page.goto(`/meetings/${meeting?.id}`);
    await visitor.page.getByRole('heading', { level: 1 }).waitFor();
    await visitor.page.locator('.minutes-part').first().waitFor();
    expect(await visitor.page.locator('.minutes-part--internal').count()).toBe(0);
    expect(await visitor.page.content()).not.toContain('posibles promotores');
    expect(await seriousAxeViolations(visitor.page)).toEqual([]);
  });
});

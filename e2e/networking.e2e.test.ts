import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../server/accounts/service.ts';
import { users } from '../server/accounts/tables.ts';
import { rows } from '../server/db/client.ts';
import {
  type BrowserFixture,
  browserKinds,
  CHROMIUM_PATH,
  seriousAxeViolations,
  startBrowserFixture,
  watchSecurityPolicy,
} from '../test/browser.ts';
import { forgetDemoPlay } from '../test/demo-play.ts';
import { ConnectPage, ContactsPage } from './pages/networking-pages.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const EVENT = 'fim-gdl-2024';

interface Attendee {
  personId: string;
  name: string;
  badgeCode: string;
  token: string;
}

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('connecting in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let attendees: Attendee[];

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    // These delegates meet here for the first time: their contact lists start empty.
    await forgetDemoPlay(ctx.db);
    // Printed badge codes, whatever the demo game says.
    await ctx.db.execute(
      sql`update bingo_games set code_mode = 'static' where event_id = (select id from events where slug = ${EVENT})`,
    );
    const found = await rows<Omit<Attendee, 'token'>>(
      ctx.db,
      sql`select a.person_id as "personId", p.name, a.badge_code as "badgeCode"
          from attendances a join people p on p.id = a.person_id join events e on e.id = a.event_id
          where e.slug = ${EVENT} and p.fictional order by p.name limit 8`,
    );
    attendees = [];
    for (const [i, attendee] of found.entries()) {
      const [user] = await ctx.db
        .insert(users)
        .values({ email: `attendee${i}@connect.example`, role: 'delegate', personId: attendee.personId })
        .returning({ id: users.id });
      attendees.push({ ...attendee, token: await startSession(ctx, user?.id as string, 'e2e') });
    }
  });
  afterAll(() => fixture?.close());

  const signedIn = async (who: Attendee) => {
    const browsing = await browse(fixture);
    await browsing.context.addCookies([
      { name: 'encuentro_session', value: who.token, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    return browsing;
  };
  const at = (i: number) => attendees[i] as Attendee;

  it('connects two people by short code; both find each other in their contacts, with a private note', async () => {
    const a = await signedIn(at(0));
    const scanner = new ConnectPage(a.page);
    await scanner.open(EVENT);
    expect(await seriousAxeViolations(a.page)).toEqual([]);

    // Typed the way people read a badge aloud: lower case, with a dash.
    const code = at(1).badgeCode;
    await scanner.typeCode(`${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`);
    await eventually(() => scanner.recentScans()).toEqual([
      expect.stringContaining(`Sent: connected with ${at(1).name}`),
    ]);

    // A code that is no badge is refused on the phone, before anything is sent.
    await scanner.typeCode('OOOOOO');
    await a.page.getByText('That is not a badge code').waitFor();

    const b = await signedIn(at(1));
    const contacts = new ContactsPage(b.page);
    await contacts.open();
    expect(await contacts.names()).toEqual([at(0).name]);
    expect(await seriousAxeViolations(b.page)).toEqual([]);
    await contacts.writeNote(at(0).name, 'Wants the LatAm showcase dates.');
    await contacts.open();
    expect(await b.page.getByLabel(`My private note about ${at(0).name}`).inputValue()).toBe(
      'Wants the LatAm showcase dates.',
    );

    // The other side sees the contact, never the note.
    const mine = new ContactsPage(a.page);
    await mine.open();
    expect(await mine.names()).toEqual([at(1).name]);
    expect(await a.page.getByLabel(`My private note about ${at(1).name}`).inputValue()).toBe('');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('keeps a scan made offline as waiting to send, and sends it when the network returns', async () => {
    const c = await signedIn(at(2));
    const scanner = new ConnectPage(c.page);
    await scanner.open(EVENT);
    await c.context.setOffline(true);
    await scanner.typeCode(at(3).badgeCode);
    await eventually(() => scanner.recentScans()).toEqual([expect.stringContaining('Waiting to send')]);
    // Nothing reached the server.
    const contactsOf = async () =>
      (await c.context.request.get('/api/me/contacts'))
        .json()
        .then((body) => body.items.map((x: { name: string }) => x.name));

    await c.context.setOffline(false);
    await eventually(() => scanner.recentScans()).toEqual([
      expect.stringContaining(`Sent: connected with ${at(3).name}`),
    ]);
    expect(await contactsOf()).toEqual([at(3).name]);
    const contacts = new ContactsPage(c.page);
    await contacts.open();
    expect(await contacts.names()).toEqual([at(3).name]);
    expect(c.errors).toEqual([]);
  });

  it('records the connection when a phone camera opens a badge’s QR link, and shows a refusal with its reason', async () => {
    const e = await signedIn(at(4));
    await e.page.goto(`/connect/${EVENT}/${at(5).badgeCode}`);
    await e.page.getByText(`Sent: connected with ${at(5).name}`).waitFor();
    expect(await seriousAxeViolations(e.page)).toEqual([]);
    // Their own badge: refused, and the reason stays on the phone.
    await e.page.goto(`/connect/${EVENT}/${at(4).badgeCode}`);
    await e.page.getByText('Rejected: That is your own badge').waitFor();
    const scanner = new ConnectPage(e.page);
    await scanner.open(EVENT);
    await eventually(() => scanner.recentScans()).toEqual([
      expect.stringContaining('Rejected: That is your own badge'),
      expect.stringContaining(`Sent: connected with ${at(5).name}`),
    ]);
  });

  it('shows my badge with its QR and code, large', async () => {
    const f = await signedIn(at(5));
    await f.page.goto(`/events/${EVENT}/badge`);
    await f.page.getByRole('heading', { name: 'My badge', level: 1 }).waitFor();
    expect(await f.page.getByTestId('badge-code').textContent()).toBe(at(5).badgeCode);
    await f.page.getByRole('img', { name: 'QR code to scan to connect with me' }).waitFor();
    expect(await seriousAxeViolations(f.page)).toEqual([]);
  });
  it('reads a badge’s QR through the camera, with the QR reader served by the app itself', async () => {
    // The camera films a printed badge: a QR drawn as JPEG frames for Chromium's fake camera.
    const drawing = await browse(fixture, { width: 640, height: 480 });
    const svg = await QRCode.toString(`${fixture.baseUrl}/connect/${EVENT}/${at(7).badgeCode}`, {
      type: 'svg',
      margin: 4,
    });
    await drawing.page.setContent(
      `<body style="margin:0;background:#fff;display:grid;place-items:center;height:480px"><div style="width:360px">${svg}</div></body>`,
    );
    const frames = join(tmpdir(), `badge-qr-${kind}-${Date.now()}.mjpeg`);
    writeFileSync(frames, await drawing.page.screenshot({ type: 'jpeg', quality: 95 }));

    const camera = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${frames}`,
      ],
    });
    try {
      const context = await camera.newContext({ baseURL: fixture.baseUrl, viewport: { width: 390, height: 844 } });
      await context.grantPermissions(['camera'], { origin: fixture.baseUrl });
      const violations = await watchSecurityPolicy(context);
      // Nothing may come from elsewhere (a CDN for the reader's .wasm, say): venues have no reliable internet.
      const elsewhere: string[] = [];
      await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
        elsewhere.push(route.request().url());
        return route.abort();
      });
      await context.addCookies([
        { name: 'encuentro_session', value: at(6).token, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
      ]);
      const page = await context.newPage();
      const scanner = new ConnectPage(page);
      await scanner.open(EVENT);
      await page.getByRole('button', { name: 'Scan a badge' }).click();
      await eventually(() => scanner.recentScans()).toEqual([
        expect.stringContaining(`Sent: connected with ${at(7).name}`),
      ]);
      expect(elsewhere).toEqual([]);
      expect(violations).toEqual([]);
      await context.close();
    } finally {
      await camera.close();
      rmSync(frames, { force: true });
    }
  });
  it('shows a code that changes every 30 seconds when the game asks for it, and that code connects', async () => {
    const ctx = fixture.server.runtime.ctx;
    const mode = async (value: 'static' | 'rotating') => {
      await ctx.db.execute(
        sql`update bingo_games set code_mode = ${value} where event_id = (select id from events where slug = ${EVENT})`,
      );
      // Written behind the app's back: tell it, as the game's own editing does.
      await ctx.changed('bingo');
    };
    await mode('rotating');
    try {
      const shower = await signedIn(at(1));
      await shower.page.goto(`/events/${EVENT}/badge`);
      await shower.page.getByText(/^Changes in \d+ seconds?$/).waitFor();
      const shown = (await shower.page.getByTestId('badge-code').textContent()) as string;
      expect(shown).toMatch(/^[2-9A-Z]{6}$/);
      expect(shown).not.toBe(at(1).badgeCode);
      expect(await seriousAxeViolations(shower.page)).toEqual([]);

      const scanner = await signedIn(at(2));
      const connect = new ConnectPage(scanner.page);
      await connect.open(EVENT);
      // The printed code no longer counts; the one on the phone does.
      await connect.typeCode(at(1).badgeCode);
      await eventually(() => connect.recentScans()).toEqual([
        expect.stringContaining('Rejected: This game uses codes that change on the phone'),
      ]);
      // Read off the phone a moment later: a code of the previous window still counts.
      const current = (await shower.page.getByTestId('badge-code').textContent()) as string;
      await connect.typeCode(current);
      await eventually(() => connect.recentScans()).toEqual([
        expect.stringContaining(`Sent: connected with ${at(1).name}`),
        expect.stringContaining('Rejected: This game uses codes'),
      ]);
    } finally {
      await mode('static');
    }
  });
});

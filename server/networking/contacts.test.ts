import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BadgeSheet, PrintableBadge } from '../../shared/api/networking.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { forgetDemoPlay } from '../../test/demo-play.ts';
import { ManualClock } from '../clock.ts';
import { rows } from '../db/client.ts';
import { ensureAttendance } from '../delegations/attendance.ts';
import { eventIdForSlug } from '../programme/queries.ts';

const EVENT = 'fim-gdl-2024';
const NOW = new Date('2024-03-02T23:00:00Z');

interface Player {
  id: string;
  name: string;
  email: string;
  badge: string;
  cookie: string;
}

describe.each(databaseKinds())('contacts on %s', (kind) => {
  let t: TestApp;
  let players: Player[];
  let admin: string;
  let seconds = 0;

  beforeAll(async () => {
    t = await startTestApp(kind, { clock: new ManualClock(NOW) });
    const db = t.runtime.ctx.db;
    const eventId = (await eventIdForSlug(db, EVENT)) as string;
    // Only this suite's connections, so the flags it expects are the only ones.
    await forgetDemoPlay(db);
    await db.execute(sql`update bingo_games set code_mode = 'static' where event_id = ${eventId}`);
    players = [];
    for (let i = 0; i < 7; i++) {
      const [person] = await rows<{ id: string; name: string }>(
        db,
        sql`insert into people (name, email, email_visibility, phone, phone_visibility, website, website_visibility)
            values (${`Contact Tester ${i}`}, ${`tester${i}@contacts.test`}, 'connections', '+52 33 0000 000' || ${i}, 'private',
                    'https://example.org/' || ${i}, 'public')
            returning id, name`,
      );
      const { id, name } = person as { id: string; name: string };
      const attendance = await ensureAttendance(db, { eventId, personId: id });
      players.push({
        id,
        name,
        email: `tester${i}@contacts.test`,
        badge: attendance.badgeCode,
        cookie: await signedInAs(t.runtime.ctx, { email: `account${i}@contacts.test`, role: 'delegate', personId: id }),
      });
    }
    admin = await signedInAs(t.runtime.ctx, { email: 'admin@contacts.test', role: 'admin' });
  });
  afterAll(() => t?.close());

  const p = (i: number) => players[i] as Player;
  const get = (cookie: string, url: string) => t.app.inject({ url, cookies: { encuentro_session: cookie } });
  /** Scans a minute apart on the phone's clock, so the pace rule never interferes. */
  const connect = async (from: Player, to: Player) => {
    seconds += 60;
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/events/${EVENT}/connections`,
      cookies: { encuentro_session: from.cookie },
      payload: { code: to.badge, nonce: randomUUID(), scannedAt: new Date(NOW.getTime() - 7200_000 + seconds * 1000) },
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
  };

  it('shows both sides each other, with only what each shares with connections', async () => {
    await connect(p(0), p(1));
    for (const [me, other] of [
      [p(0), p(1)],
      [p(1), p(0)],
    ] as const) {
      const response = await get(me.cookie, `/api/me/contacts?event=${EVENT}`);
      expect(response.statusCode).toBe(200);
      const [contact] = response.json().items;
      expect(contact).toMatchObject({ id: other.id, name: other.name, email: other.email, note: '' });
      expect(contact.website).toMatch(/^https:\/\/example\.org\//);
      expect(contact.phone).toBeUndefined();
      expect(contact.events[0]).toMatchObject({ slug: EVENT, scannedByMe: me === p(0) });
    }
    expect((await get(p(2).cookie, '/api/me/contacts')).json().items).toEqual([]);
  });

  it('lets a connected person read a “connections” address on the person page, and nobody else', async () => {
    expect((await get(p(1).cookie, `/api/people/${p(0).id}`)).json().contact.email).toBe(p(0).email);
    expect((await get(p(2).cookie, `/api/people/${p(0).id}`)).json().contact.email).toBeUndefined();
    expect((await t.app.inject(`/api/people/${p(0).id}`)).json().contact.email).toBeUndefined();
  });

  it('keeps a private note that only its author sees, about contacts only', async () => {
    const put = (cookie: string, id: string, note: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/me/contacts/${id}/note`,
        cookies: { encuentro_session: cookie },
        payload: { note },
      });
    expect((await put(p(0).cookie, p(1).id, '  Runs a label in Bogotá; send the showcase dates.  ')).statusCode).toBe(
      200,
    );
    expect((await get(p(0).cookie, '/api/me/contacts')).json().items[0].note).toBe(
      'Runs a label in Bogotá; send the showcase dates.',
    );
    expect((await get(p(1).cookie, '/api/me/contacts')).json().items[0].note).toBe('');
    expect((await put(p(0).cookie, p(2).id, 'Never met')).statusCode).toBe(403);
    expect((await put(p(0).cookie, p(1).id, '')).statusCode).toBe(200);
    expect((await get(p(0).cookie, '/api/me/contacts')).json().items[0].note).toBe('');
    await put(p(0).cookie, p(1).id, 'Send the showcase dates.');
  });

  it('exports contacts as vCard 4 and as CSV in the reader’s language', async () => {
    const vcf = await get(p(0).cookie, '/api/me/contacts.vcf');
    expect(vcf.statusCode).toBe(200);
    expect(vcf.headers['content-type']).toMatch(/^text\/vcard/);
    expect(vcf.body).toContain('BEGIN:VCARD\r\nVERSION:4.0');
    expect(vcf.body).toContain(`FN:${p(1).name}`);
    expect(vcf.body).toContain(`EMAIL:${p(1).email}`);
    expect(vcf.body).toContain('NOTE:Send the showcase dates.');
    expect(vcf.body).not.toContain('TEL:');

    const csv = await get(p(0).cookie, '/api/me/contacts.csv?lang=es');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, line] = csv.body.replace(/^\uFEFF/, '').split('\n');
    expect(header).toContain('Nombre');
    expect(header).toContain('Mi nota');
    expect(line).toContain(p(1).name);
    expect(line).toContain('Send the showcase dates.');
    expect((await t.app.inject('/api/me/contacts.csv')).statusCode).toBe(401);
  });

  it('flags a closed circle connecting with itself in bulk, to admins only', async () => {
    const circle = [2, 3, 4, 5, 6].map(p);
    for (const [i, a] of circle.entries()) for (const b of circle.slice(i + 1)) await connect(a, b);
    const flags = await get(admin, `/api/events/${EVENT}/connections/flags`);
    expect(flags.statusCode).toBe(200);
    const flagged = flags.json().items.map((f: { people: { id: string }[] }) =>
      f.people
        .map((x) => x.id)
        .sort()
        .join(),
    );
    const inCircle = new Set(circle.map((x) => x.id));
    expect(flagged.length).toBe(10);
    for (const pair of flagged) for (const id of pair.split(',')) expect(inCircle.has(id)).toBe(true);
    expect((await get(p(0).cookie, `/api/events/${EVENT}/connections/flags`)).statusCode).toBe(403);
  });

  it('lists every attendee’s badge for printing, to admins only', async () => {
    const response = await get(admin, `/api/events/${EVENT}/badges`);
    expect(response.statusCode).toBe(200);
    const mine = response.json().items.find((b: { personId: string }) => b.personId === p(0).id);
    expect(mine).toMatchObject({ name: p(0).name, badgeCode: p(0).badge });
    expect(mine.connectUrl).toMatch(new RegExp(`/connect/${EVENT}/${p(0).badge}$`));
    expect(mine.qrSvg).toContain('<svg');
    expect((await get(p(0).cookie, `/api/events/${EVENT}/badges`)).statusCode).toBe(403);
  });

  it('filters the badges to print by delegation, country and role, and marks the printed ones', async () => {
    const all = (await get(admin, `/api/events/${EVENT}/badges`)).json() as BadgeSheet;
    const withDelegation = all.items.find((badge) => badge.delegation && badge.country) as PrintableBadge;
    expect(withDelegation).toBeDefined();
    const { delegation, country } = withDelegation as Required<PrintableBadge>;
    const byDelegation = (
      await get(admin, `/api/events/${EVENT}/badges?delegation=${delegation?.id}`)
    ).json() as BadgeSheet;
    expect(byDelegation.items.length).toBeGreaterThan(0);
    expect(byDelegation.items.every((badge) => badge.delegation?.id === delegation?.id)).toBe(true);
    const byCountry = (
      await get(admin, `/api/events/${EVENT}/badges?country=${country?.code.toLowerCase()}`)
    ).json() as BadgeSheet;
    expect(byCountry.items.every((badge) => badge.country?.code === country?.code)).toBe(true);
    expect(byCountry.items.length).toBeLessThan(all.items.length);
    const delegates = (await get(admin, `/api/events/${EVENT}/badges?role=delegate`)).json() as BadgeSheet;
    expect(delegates.items.every((badge) => badge.roles.includes('delegate'))).toBe(true);
    expect(all.delegations.length).toBeGreaterThan(0);
    expect((await get(admin, `/api/events/${EVENT}/badges?role=guest`)).statusCode).toBe(400);

    const printed = (ids: string[], cookie = admin) =>
      t.app.inject({
        method: 'POST',
        url: `/api/events/${EVENT}/badges/printed`,
        cookies: { encuentro_session: cookie },
        payload: { personIds: ids },
      });
    expect((await printed([p(0).id], p(0).cookie)).statusCode).toBe(403);
    const marked = await printed(byDelegation.items.map((badge) => badge.personId));
    expect(marked.json()).toEqual({ marked: byDelegation.items.length });
    const left = (await get(admin, `/api/events/${EVENT}/badges?notPrinted=true`)).json() as BadgeSheet;
    expect(left.items).toHaveLength(all.items.length - byDelegation.items.length);
    expect(left.items.some((badge) => badge.delegation?.id === delegation?.id)).toBe(false);
    const again = (await get(admin, `/api/events/${EVENT}/badges?delegation=${delegation?.id}`)).json() as BadgeSheet;
    expect(again.items.every((badge) => badge.printedAt !== null)).toBe(true);
  });

  it('writes contacts and notes that look like formulas as text in the CSV', async () => {
    const hostile = '=HYPERLINK("http://evil.example","x")';
    await t.runtime.ctx.db.execute(sql`update people set name = ${hostile} where id = ${p(1).id}`);
    const note = await t.app.inject({
      method: 'PUT',
      url: `/api/me/contacts/${p(1).id}/note`,
      cookies: { encuentro_session: p(0).cookie },
      payload: { note: '@SUM(1)' },
    });
    expect(note.statusCode).toBe(200);
    const csv = await get(p(0).cookie, '/api/me/contacts.csv');
    const [line] = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.values(line ?? {})).toEqual(expect.arrayContaining([`'${hostile}`, "'@SUM(1)"]));
    expect(csv.body).not.toMatch(/(^|,|")[=@]/m);
  });
});

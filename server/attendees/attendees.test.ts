import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attendee, AttendeeImportReport, PersonRoles } from '../../shared/api/attendees.ts';
import { searchForm } from '../../shared/text.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { eligibleAtCommit } from '../bingo/draw.ts';
import { rows } from '../db/client.ts';

const EVENT = 'fim-gdl-2024';
const HEADER = 'name,email,organization,country,delegation,language,role';

describe.each(databaseKinds())('attendee lists on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  /** A directory person with an e-mail, and one with a name only who does not attend the event. */
  let known: { id: string; name: string; email: string };
  let namesake: { id: string; name: string };

  const db = () => t.runtime.ctx.db;
  const count = async (query: ReturnType<typeof sql>) =>
    ((await rows<{ n: number }>(db(), query))[0] as { n: number }).n;
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    cookie: string | undefined,
    payload?: object | string,
    headers: Record<string, string> = {},
  ) => {
    const response = await t.app.inject({
      method,
      url,
      headers,
      ...(payload !== undefined ? { payload } : {}),
      ...(cookie ? { cookies: { encuentro_session: cookie } } : {}),
    });
    return { status: response.statusCode, body: response.body, json: () => response.json() };
  };
  const importCsv = async (csv: string, dryRun: boolean, confirm: number[] = [], language = 'en') =>
    call(
      'POST',
      `/api/events/${EVENT}/attendees/import?dryRun=${dryRun}`,
      admin,
      { csv, confirm },
      {
        'accept-language': language,
      },
    );
  const attendees = async () => (await call('GET', `/api/events/${EVENT}/attendees`, admin)).json().items as Attendee[];
  const peopleCount = () => count(sql`select count(*)::int as n from people`);
  const attendanceCount = () =>
    count(sql`select count(*)::int as n from attendances a join events e on e.id = a.event_id where e.slug = ${EVENT}`);

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await signedInAs(t.runtime.ctx, { email: 'admin@attendees.example', role: 'admin' });
    const [ami] = await rows<{ id: string }>(db(), sql`select id from organizations where slug = 'ami-paraguay'`);
    manager = await signedInAs(t.runtime.ctx, {
      email: 'manager@attendees.example',
      role: 'manager',
      organizationId: (ami as { id: string }).id,
    });
    // A second organisation answering to "AMI", so that the name is ambiguous.
    await db().execute(
      sql`insert into organizations (slug, kind, name, acronym, search_text)
          values ('ami-uruguay', 'association', 'Asociación de Música Independiente', 'AMI', 'ami uruguay')`,
    );
    const [withEmail] = await rows<{ id: string; name: string; email: string }>(
      db(),
      sql`select id, name, email from people where email is not null order by email limit 1`,
    );
    known = withEmail as typeof known;
    const [inserted] = await rows<{ id: string }>(
      db(),
      sql`insert into people (name, search_text) values ('José Ñúñez Peña', ${searchForm('José Ñúñez Peña')}) returning id`,
    );
    namesake = { id: (inserted as { id: string }).id, name: 'José Ñúñez Peña' };
  });
  afterAll(() => t?.close());

  const list = () =>
    [
      HEADER,
      'Ana Torres,ana.torres@example.net,IMICHILE,Chile,imichile,es,delegate',
      `"${known.name}",${known.email.toUpperCase()},,,,,staff`,
      'JOSE NUNEZ PENA,,UFi,ES,,,speaker',
      'Bea Ruiz,not-an-address,ami,Atlantis,,,astronaut',
      'Carl Moss,carl@example.net,,MX,,en,partner',
    ].join('\n');

  it('previews who is new, who is in the directory and what is wrong, writing nothing', async () => {
    const [peopleBefore, attendancesBefore] = [await peopleCount(), await attendanceCount()];
    const response = await importCsv(list(), true);
    expect(response.status).toBe(200);
    const report = response.json() as AttendeeImportReport;
    expect(report).toMatchObject({
      dryRun: true,
      applied: false,
      counts: { rows: 5, new: 2, matched: 2, toConfirm: 1, errors: 1 },
    });
    const [ana, byEmail, byName, wrong, carl] = report.rows;
    expect(ana).toMatchObject({
      row: 1,
      line: 2,
      outcome: 'new',
      organization: { slug: 'imichile' },
      country: 'CL',
      delegation: { organization: { slug: 'imichile' }, isNew: false },
      language: 'es',
      roles: ['delegate'],
    });
    expect(byEmail).toMatchObject({ outcome: 'matched', match: { personId: known.id, by: 'email' }, roles: ['staff'] });
    expect(byName).toMatchObject({
      outcome: 'matched',
      match: { personId: namesake.id, by: 'name', needsConfirmation: true, confirmed: false },
      attending: false,
    });
    expect(wrong?.outcome).toBe('error');
    expect(wrong?.problems.map((p) => p.field)).toEqual(['email', 'organization', 'country', 'role']);
    expect(wrong?.organizationChoices.map((o) => o.slug).sort()).toEqual(['ami-paraguay', 'ami-uruguay']);
    expect(wrong?.problems[0]?.message).toContain('not-an-address');
    expect(carl).toMatchObject({ outcome: 'new', roles: ['partner'] });
    expect([await peopleCount(), await attendanceCount()]).toEqual([peopleBefore, attendancesBefore]);
  });

  it('says what is wrong in Spanish to a Spanish reader', async () => {
    const report = (await importCsv(list(), true, [], 'es')).json() as AttendeeImportReport;
    expect(report.rows[3]?.problems.find((p) => p.field === 'organization')?.message).toBe(
      '«ami» corresponde a 2 organizaciones: elige una',
    );
  });

  it('applies nothing while a row is wrong or a match by name is unconfirmed', async () => {
    const [peopleBefore, attendancesBefore] = [await peopleCount(), await attendanceCount()];
    const fixedButUnconfirmed = list().replace(
      'Bea Ruiz,not-an-address,ami,Atlantis,,,astronaut',
      'Bea Ruiz,bea@example.net,ami-uruguay,UY,,,',
    );
    const report = (await importCsv(fixedButUnconfirmed, false)).json() as AttendeeImportReport;
    expect(report.applied).toBe(false);
    expect(report.rows[2]).toMatchObject({ outcome: 'error', problems: [{ field: 'name' }] });
    expect(report.rows[2]?.problems[0]?.message).toMatch(/by name only/);
    expect([await peopleCount(), await attendanceCount()]).toEqual([peopleBefore, attendancesBefore]);
  });

  it('applies a fixed, confirmed list whole, and importing it again updates without duplicating', async () => {
    const fixed = list().replace(
      'Bea Ruiz,not-an-address,ami,Atlantis,,,astronaut',
      'Bea Ruiz,bea@example.net,ami-uruguay,UY,ami-uruguay,,',
    );
    const peopleBefore = await peopleCount();
    const attendancesBefore = await attendanceCount();
    const applied = (await importCsv(fixed, false, [3])).json() as AttendeeImportReport;
    expect(applied).toMatchObject({ applied: true, counts: { new: 3, matched: 2, errors: 0 } });
    expect(await peopleCount()).toBe(peopleBefore + 3);

    const listed = await attendees();
    const byName = (name: string) => listed.find((a) => a.name === name) as Attendee;
    expect(byName('Ana Torres')).toMatchObject({
      email: 'ana.torres@example.net',
      organization: { slug: 'imichile' },
      delegation: { slug: 'imichile' },
      country: 'CL',
      status: 'not_invited',
      roles: { staff: false, partner: false, speaker: false },
    });
    expect(byName(known.name).roles.staff).toBe(true);
    expect(byName(namesake.name)).toMatchObject({ organization: { slug: 'ufi' }, roles: { speaker: true } });
    expect(byName('Carl Moss').roles.partner).toBe(true);
    // Bea's delegation did not exist: the import made it, with her in it.
    expect(byName('Bea Ruiz').delegation?.slug).toBe('ami-uruguay');
    const members = await count(
      sql`select count(*)::int as n from delegation_members m join delegations d on d.id = m.delegation_id
          join organizations o on o.id = d.organization_id where o.slug = 'ami-uruguay'`,
    );
    expect(members).toBe(1);
    const afterFirst = await attendanceCount();
    expect(afterFirst).toBeGreaterThan(attendancesBefore);

    // Again, with Carl now a speaker: the same people, one change. The namesake attends now, so needs no confirming.
    const again = (await importCsv(fixed.replace('en,partner', 'en,speaker'), false)).json() as AttendeeImportReport;
    expect(again).toMatchObject({ applied: true, counts: { new: 0, matched: 5, toConfirm: 0 } });
    expect(await peopleCount()).toBe(peopleBefore + 3);
    expect(await attendanceCount()).toBe(afterFirst);
    expect((await attendees()).find((a) => a.name === 'Carl Moss')?.roles).toEqual({
      staff: false,
      partner: false,
      speaker: true,
    });
    const [audit] = await rows<{ changes: { imported: { after: { new: number } } } }>(
      db(),
      sql`select changes from audit_log where entity_type = 'event' order by at desc limit 1`,
    );
    expect(audit?.changes.imported.after.new).toBe(0);
  });

  it('takes a text/csv body and JSON rows, and refuses a list over the size limit', async () => {
    const csv = [HEADER, 'Dana Vidal,dana@example.net,,AR,,,'].join('\n');
    const asCsv = await call('POST', `/api/events/${EVENT}/attendees/import?dryRun=true`, admin, csv, {
      'content-type': 'text/csv',
    });
    expect(asCsv.status).toBe(200);
    expect(asCsv.json().rows[0]).toMatchObject({ outcome: 'new', country: 'AR' });

    const asRows = await call('POST', `/api/events/${EVENT}/attendees/import?dryRun=true`, admin, {
      rows: [{ name: 'Dana Vidal', email: 'dana@example.net', country: 'Argentina' }, { name: '' }],
    });
    expect(asRows.json().rows.map((r: { outcome: string }) => r.outcome)).toEqual(['new', 'error']);

    const tooMany = [HEADER, ...Array.from({ length: 5001 }, (_, i) => `P${i},p${i}@example.net,,,,,`)].join('\n');
    const refused = await importCsv(tooMany, true);
    expect(refused.status).toBe(400);
    expect(refused.json().error.message).toMatch(/at most 5000/);
  });

  it('lets only admins see, import and export the list', async () => {
    for (const cookie of [manager, undefined]) {
      expect((await call('GET', `/api/events/${EVENT}/attendees`, cookie)).status).toBe(cookie ? 403 : 401);
      const posted = await call('POST', `/api/events/${EVENT}/attendees/import?dryRun=true`, cookie, { csv: list() });
      expect(posted.status).toBe(cookie ? 403 : 401);
    }
    const exported = await call('GET', `/api/events/${EVENT}/attendees.csv`, admin);
    expect(exported.status).toBe(200);
    const lines = parse(exported.body, { columns: true }) as Record<string, string>[];
    expect(lines.find((l) => l.name === 'Ana Torres')).toMatchObject({
      email: 'ana.torres@example.net',
      organization: 'imichile',
      role: 'delegate',
      status: 'not_invited',
    });
  });

  it('keeps a partner out of the prize draw once staff mark them', async () => {
    const [game] = await rows<{ id: string; event_id: string }>(
      db(),
      sql`select g.id, g.event_id from bingo_games g join events e on e.id = g.event_id where e.slug = ${EVENT}`,
    );
    const { id: gameId, event_id: eventId } = game as { id: string; event_id: string };
    const before = await eligibleAtCommit(db(), gameId, eventId);
    expect(before.length).toBeGreaterThan(0);
    const player = before[0] as { personId: string; name: string };
    const marked = await call('PATCH', `/api/events/${EVENT}/attendees/${player.personId}`, admin, { partner: true });
    expect(marked.status).toBe(200);
    expect(marked.json().roles.partner).toBe(true);
    const after = await eligibleAtCommit(db(), gameId, eventId);
    expect(after.map((p) => p.personId)).not.toContain(player.personId);
    expect(after).toHaveLength(before.length - 1);
    await call('PATCH', `/api/events/${EVENT}/attendees/${player.personId}`, admin, { partner: false });
  });

  it("gives and takes back roles from a person's page, audited, keeping one admin", async () => {
    const url = `/api/people/${known.id}/roles`;
    const start = (await call('GET', url, admin)).json() as PersonRoles;
    expect(start.email?.toLowerCase()).toBe(known.email.toLowerCase());

    const missingOrganization = await call('PUT', url, admin, { role: 'manager' });
    expect(missingOrganization.status).toBe(422);
    expect(missingOrganization.json().error.field).toBe('organization');

    const made = await call('PUT', url, admin, { role: 'partner', organization: 'ufi' });
    expect(made.status).toBe(200);
    expect((made.json() as PersonRoles).account).toMatchObject({ role: 'partner', organization: { slug: 'ufi' } });
    const back = (await call('PUT', url, admin, { role: 'delegate' })).json() as PersonRoles;
    expect(back.account).toMatchObject({ role: 'delegate', organization: null });
    const audit = await rows<{ changes: Record<string, { after: unknown }> }>(
      db(),
      sql`select changes from audit_log where entity_type = 'person' and entity_id = ${known.id} order by at`,
    );
    expect(audit.map((a) => a.changes.accountRole?.after)).toEqual(['partner', 'delegate']);

    // Someone without an e-mail cannot be given an account here.
    const noEmail = await call(
      'PUT',
      `/api/people/${namesake.id}/roles`,
      admin,
      { role: 'editor' },
      { 'accept-language': 'es' },
    );
    expect(noEmail.status).toBe(422);
    expect(noEmail.json().error.message).toContain('no tiene correo');

    // Only admins; and the network's last admin stays one.
    expect((await call('PUT', url, manager, { role: 'admin' })).status).toBe(403);
    await db().execute(
      sql`update users set role = 'delegate' where role = 'admin' and email <> 'admin@attendees.example'`,
    );
    const [me] = await rows<{ person_id: string | null; id: string }>(
      db(),
      sql`select id, person_id from users where email = 'admin@attendees.example'`,
    );
    const [adminPerson] = await rows<{ id: string }>(
      db(),
      sql`insert into people (name, email, search_text) values ('The Admin', 'admin@attendees.example', 'the admin') returning id`,
    );
    await db().execute(
      sql`update users set person_id = ${(adminPerson as { id: string }).id} where id = ${(me as { id: string }).id}`,
    );
    const lastAdmin = await call('PUT', `/api/people/${(adminPerson as { id: string }).id}/roles`, admin, {
      role: 'editor',
    });
    expect(lastAdmin.status).toBe(422);
    expect(lastAdmin.json().error.message).toMatch(/last admin/);
  });
});

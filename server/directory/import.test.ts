import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { type Queryable, rows } from '../db/client.ts';
import { type ImportResult, importOrganizations, importPeople } from './import.ts';

const count = async (db: Queryable, table: string) =>
  (await rows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n;

/** The problems of a rejected import as "line: key {values}", easy to compare whole. */
function problems(result: ImportResult): { line: number; key: string; values?: unknown }[] {
  if (result.outcome !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
  return [...result.file, ...result.rows]
    .sort((a, b) => a.line - b.line)
    .flatMap(({ line, reasons }) => reasons.map((reason) => ({ line, ...reason })));
}

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

describe.each(databaseKinds())('CSV import of the directory on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  const db = () => t.runtime.ctx.db;
  const get = async (url: string) => {
    const response = await t.app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };

  it('imports organisations, links member_of to an earlier row, and running servers see them at once', async () => {
    // Read first, so the answer is cached: the import must make the server drop it.
    expect((await get('/api/organizations?q=patagonia')).body.items).toEqual([]);

    const result = await importOrganizations(
      db(),
      csv(
        'slug,kind,name,acronym,country,website,member_of,status,description_en,description_es',
        ',association,Sellos de la Patagonia,SPAT,ar,https://spat.example.org,win,in_formation,An association in formation.,Una asociación en formación.',
        'viento-sur,label,Viento Sur Patagonia,,AR,,spat,,"A label from Bariloche:',
        'folk, rock and field recordings.",Un sello de Bariloche.',
      ),
    );
    expect(result).toEqual({ outcome: 'imported', imported: 2 });

    await vi.waitFor(async () => {
      const names = (await get('/api/organizations?q=patagonia')).body.items.map((o: { slug: string }) => o.slug);
      expect(names.sort()).toEqual(['spat', 'viento-sur']);
    });
    const spat = (await get('/api/organizations/spat')).body;
    expect(spat).toMatchObject({
      kind: 'association',
      status: 'in_formation',
      acronym: 'SPAT',
      country: { code: 'AR' },
      memberOf: { slug: 'win' },
      description: { en: 'An association in formation.', es: 'Una asociación en formación.' },
    });
    expect(spat.members.map((m: { slug: string }) => m.slug)).toEqual(['viento-sur']);
    const label = (await get('/api/organizations/viento-sur')).body;
    expect(label.memberOf).toMatchObject({ slug: 'spat' });
    expect(label.description.en).toBe('A label from Bariloche:\nfolk, rock and field recordings.');
  });

  it('reports every bad row with its line and reason, and imports none of the file', async () => {
    const before = await count(db(), 'organizations');
    const result = await importOrganizations(
      db(),
      csv(
        'slug,kind,name,country,website,member_of,status',
        'ok-one,label,A fine label,MX,https://fine.example.org,admi,', // line 2: fine on its own
        'bad-kind,labels,Wrong kind,,,,', // line 3
        '',
        'bad-country,label,Nowhere Records,XX,,,', // line 5 (after a blank line)
        'bad-web,label,"Quoted, with a comma",,www.example.org,,', // line 6
        ',label,,,,,', // line 7: no name, so no slug either
        'a2im,association,A second A2IM,US,,,', // line 8: slug taken
        'ok-one,label,Same slug again,,,,', // line 9: slug repeated in the file
        'child,label,"A name over', // line 10: the record spans two lines
        'two lines",,,later-parent,dormant', // ... line 11
        'later-parent,association,Defined too late,,,nobody,', // line 12
        'Bad Slug,label,Capitals,,,,', // line 13
        'self,label,Itself,,,self,', // line 14
      ),
    );
    expect(problems(result)).toEqual([
      {
        line: 3,
        key: 'import.problem.not_one_of',
        values: {
          column: 'kind',
          value: 'labels',
          allowed: 'network, association, label, partner, conference, funder',
        },
      },
      { line: 5, key: 'import.problem.country', values: { value: 'XX' } },
      { line: 6, key: 'import.problem.url', values: { column: 'website', value: 'www.example.org' } },
      { line: 7, key: 'import.problem.required', values: { column: 'name' } },
      { line: 8, key: 'import.problem.slug_taken', values: { value: 'a2im', derived: 'no' } },
      { line: 9, key: 'import.problem.slug_repeated', values: { value: 'ok-one', other: 2, derived: 'no' } },
      {
        line: 10,
        key: 'import.problem.not_one_of',
        values: { column: 'status', value: 'dormant', allowed: 'active, in_formation' },
      },
      { line: 10, key: 'import.problem.member_of_later', values: { value: 'later-parent', other: 12 } },
      { line: 12, key: 'import.problem.member_of_unknown', values: { value: 'nobody' } },
      { line: 13, key: 'import.problem.slug_form', values: { value: 'Bad Slug', suggestion: 'bad-slug' } },
      { line: 14, key: 'import.problem.member_of_self', values: { value: 'self' } },
    ]);
    expect(result).toMatchObject({ total: 11 });
    expect(await count(db(), 'organizations')).toBe(before);
  });

  it('rejects two rows whose slugs, made from their acronyms, collide', async () => {
    const result = await importOrganizations(
      db(),
      csv('kind,name,acronym', 'label,Música Sur,MSUR', 'label,Muy Sur,msur', 'label,Other,OTHR'),
    );
    expect(problems(result)).toEqual([
      { line: 3, key: 'import.problem.slug_repeated', values: { value: 'msur', other: 2, derived: 'yes' } },
    ]);
    expect(result).toMatchObject({ total: 3, rows: [{ line: 3 }] });
  });

  it('reports problems of the file itself once, at the header', async () => {
    const result = await importOrganizations(db(), csv('name,contry,Name', 'Somewhere,AR,x', 'Else,AR'));
    expect(problems(result)).toEqual([
      { line: 1, key: 'import.problem.duplicate_column', values: { column: 'name' } },
      {
        line: 1,
        key: 'import.problem.unknown_columns',
        values: {
          count: 1,
          columns: '“contry”',
          known: 'slug, kind, name, acronym, country, website, member_of, status, description_en, description_es',
        },
      },
      { line: 1, key: 'import.problem.missing_column', values: { column: 'kind' } },
      { line: 3, key: 'import.problem.field_count', values: { found: 2, expected: 3 } },
    ]);
    expect(problems(await importOrganizations(db(), ''))).toEqual([{ line: 1, key: 'import.problem.empty_file' }]);
    expect(problems(await importOrganizations(db(), csv('kind,name')))).toEqual([
      { line: 1, key: 'import.problem.no_rows' },
    ]);
    expect(problems(await importOrganizations(db(), csv('kind,name', 'label,Fine', 'label,"Never closed')))).toEqual([
      { line: 3, key: 'import.problem.malformed', values: { problem: 'quote' } },
    ]);
  });

  it('ignores the empty unnamed column a spreadsheet leaves at the end, but not values under it', async () => {
    expect(await importOrganizations(db(), csv('kind,name,', 'label,Trailing Comma Records,'))).toEqual({
      outcome: 'imported',
      imported: 1,
    });
    expect(problems(await importOrganizations(db(), csv('kind,name,', 'label,Stray Value Records,stray')))).toEqual([
      { line: 1, key: 'import.problem.unnamed_column', values: { position: 3 } },
    ]);
  });

  it('imports people with their affiliation, languages, topics and contact visibility', async () => {
    const result = await importPeople(
      db(),
      csv(
        'name,country,email,email_visibility,phone,phone_visibility,website,website_visibility,languages,topics,bio_en,bio_es,organization,role_en,role_es',
        'Valentina Quispe,PY,Valentina.Quispe@example.org,public,+595 21 555 0100,members,https://vq.example.org,,ES; gn,live-music;export,Promoter.,Promotora.,AMI-Paraguay,Board member,Miembro de la junta',
        'Iñaki Zubeldia,ES,,,,,,,,,,,,,',
      ),
    );
    expect(result).toEqual({ outcome: 'imported', imported: 2 });

    const found = await vi.waitFor(async () => {
      const { body } = await get('/api/people?q=valentina%20quispe');
      expect(body.items[0]?.name).toBe('Valentina Quispe');
      return body.items[0];
    });
    const person = (await get(`/api/people/${found.id}`)).body;
    expect(person).toMatchObject({
      country: { code: 'PY' },
      languages: ['es', 'gn'],
      topics: [{ slug: 'live-music' }, { slug: 'export' }],
      bio: { en: 'Promoter.', es: 'Promotora.' },
      affiliations: [
        { organization: { slug: 'ami-paraguay' }, role: { en: 'Board member', es: 'Miembro de la junta' } },
      ],
      fictional: false,
    });
    // Visible to the public: the e-mail (public) only; phone is for members, website private by default.
    expect(person.contact).toEqual({ email: 'Valentina.Quispe@example.org' });
    const [stored] = await rows<{ phone: string; phone_visibility: string; website_visibility: string }>(
      db(),
      sql`select phone, phone_visibility, website_visibility from people where name = 'Valentina Quispe'`,
    );
    expect(stored).toEqual({ phone: '+595 21 555 0100', phone_visibility: 'members', website_visibility: 'private' });
  });

  it('rejects bad people rows, including e-mails already taken in any case or repeated in the file', async () => {
    const before = await count(db(), 'people');
    const result = await importPeople(
      db(),
      csv(
        'name,email,email_visibility,phone,languages,topics,organization,role_en,website',
        'Taken,MARTINA.Ferreyra@Example.org,,,,,,,',
        'First,new.person@example.org,,,,,,,',
        'Second,New.Person@example.org,,,,,,,',
        'Broken,not-an-address,everyone,call me,english,cooking,no-such-org,,ftp://x.example.org',
        'Roleless,,,,,,,Chair,',
        ',,,,,,,,',
      ),
    );
    expect(problems(result)).toEqual([
      { line: 2, key: 'import.problem.email_taken', values: { value: 'MARTINA.Ferreyra@Example.org' } },
      { line: 4, key: 'import.problem.email_repeated', values: { value: 'New.Person@example.org', other: 3 } },
      { line: 5, key: 'import.problem.url', values: { column: 'website', value: 'ftp://x.example.org' } },
      { line: 5, key: 'import.problem.email', values: { value: 'not-an-address' } },
      { line: 5, key: 'import.problem.phone', values: { column: 'phone', value: 'call me' } },
      {
        line: 5,
        key: 'import.problem.not_one_of',
        values: { column: 'email_visibility', value: 'everyone', allowed: 'private, connections, members, public' },
      },
      { line: 5, key: 'import.problem.language', values: { value: 'english' } },
      { line: 5, key: 'import.problem.topic', values: { value: 'cooking', known: expect.stringContaining('export') } },
      { line: 5, key: 'import.problem.organization_unknown', values: { value: 'no-such-org' } },
      { line: 6, key: 'import.problem.role_without_organization' },
      { line: 7, key: 'import.problem.required', values: { column: 'name' } },
    ]);
    expect(await count(db(), 'people')).toBe(before);
  });

  it('keeps accents through a UTF-8 BOM, Windows line ends and a Spanish spreadsheet’s “;” separator', async () => {
    const text =
      '\uFEFFname;country;languages;organization;role_es\r\nÑusta Güemes Peña;AR;"es;qu";asiar;Socia fundadora\r\n';
    expect(await importPeople(db(), text)).toEqual({ outcome: 'imported', imported: 1 });
    const [stored] = await rows<{ name: string; languages: string[]; role_es: string }>(
      db(),
      sql`select p.name, p.languages, a.role_es from people p join affiliations a on a.person_id = p.id
          where p.name like 'Ñusta%'`,
    );
    expect(stored).toEqual({ name: 'Ñusta Güemes Peña', languages: ['es', 'qu'], role_es: 'Socia fundadora' });
    await vi.waitFor(async () => {
      const { body } = await get('/api/people?q=nusta%20guemes');
      expect(body.items[0]?.name).toBe('Ñusta Güemes Peña');
    });

    const organizations = await importOrganizations(
      db(),
      '\uFEFFslug,kind,name\r\nandes-sonoros,label,Andes Sonoros — Ñuble\r\n',
    );
    expect(organizations).toEqual({ outcome: 'imported', imported: 1 });
    expect((await get('/api/organizations/andes-sonoros')).body.name).toBe('Andes Sonoros — Ñuble');
  });

  it('rejects, row by row, cells PostgreSQL cannot store (a NUL, half a surrogate pair), and imports nothing', async () => {
    const organizationsBefore = await count(db(), 'organizations');
    const organizations = await importOrganizations(
      db(),
      csv('slug,kind,name', 'nul-label,label,Sello\u0000Nulo', 'fine-label,label,Fine', 'nul-slug\u0000,label,Other'),
    );
    expect(problems(organizations)).toEqual([
      { line: 2, key: 'import.problem.unstorable', values: { column: 'name' } },
      { line: 4, key: 'import.problem.unstorable', values: { column: 'slug' } },
      { line: 4, key: 'import.problem.slug_form', values: { value: 'nul-slug\ufffd', suggestion: 'nul-slug' } },
    ]);
    expect(await count(db(), 'organizations')).toBe(organizationsBefore);

    const peopleBefore = await count(db(), 'people');
    const people = await importPeople(
      db(),
      csv('name,email,organization', 'Ana \ud800,ana\u0000@example.org,a2im', 'Bea,bea@example.org,a2im\u0000'),
    );
    expect(problems(people)).toEqual([
      { line: 2, key: 'import.problem.unstorable', values: { column: 'name' } },
      { line: 2, key: 'import.problem.unstorable', values: { column: 'email' } },
      { line: 3, key: 'import.problem.unstorable', values: { column: 'organization' } },
      { line: 3, key: 'import.problem.organization_unknown', values: { value: 'a2im\ufffd' } },
    ]);
    expect(await count(db(), 'people')).toBe(peopleBefore);
  });

  it('undoes the whole file when the database refuses a write half-way', async () => {
    const before = await count(db(), 'people');
    // A trigger stands in for any failure after the people rows are written and before the affiliations are.
    await db().execute(sql`create function refuse_affiliation() returns trigger language plpgsql as $$
      begin raise exception 'affiliations are refused for this test'; end $$`);
    await db().execute(
      sql`create trigger refuse_affiliation before insert on affiliations for each row execute function refuse_affiliation()`,
    );
    try {
      await expect(importPeople(db(), csv('name,organization', 'Half Way,a2im', 'Other Half,a2im'))).rejects.toThrow();
      expect(await count(db(), 'people')).toBe(before);
    } finally {
      await db().execute(sql`drop trigger refuse_affiliation on affiliations`);
      await db().execute(sql`drop function refuse_affiliation()`);
    }
  });
});

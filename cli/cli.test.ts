import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rows } from '../server/db/client.ts';
import { encuentro, encuentroProcess } from '../test/cli.ts';
import { databaseKinds, freshDatabase } from '../test/databases.ts';

const ROOT = join(import.meta.dirname, '..');
const EXAMPLES = join(ROOT, 'cli', 'examples');

describe('the encuentro command without a database', () => {
  it('shows its usage for help, and exits 2 with the usage for a command it does not know', async () => {
    // The binary itself, once: the other calls run the same code in this process.
    const help = await encuentroProcess(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('import organisations FILE.csv');
    expect(help.stdout).toContain('kind: one of network, association, label, partner, conference, funder');

    const unknown = await encuentro(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command “frobnicate”.');
    expect(unknown.stderr).toContain('Usage: encuentro COMMAND');
  });

  it('exits 2 when the file to import is missing, in the language of the locale', async () => {
    const missing = await encuentro(['import', 'people'], { LC_ALL: 'es_MX.UTF-8', LANG: 'en_US.UTF-8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Indique el fichero CSV que leer: «encuentro import people FICHERO.csv».');
    expect(missing.stderr).toContain('Uso: encuentro ORDEN');
  });

  it('exits 78 on a configuration the server would refuse', async () => {
    const run = await encuentro(['migrate'], { DATABASE_URL: 'mysql://localhost/encuentro' });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('The configuration is not valid:');
    expect(run.stderr).toContain('DATABASE_URL="mysql://localhost/encuentro"');
  });
});

describe.each(databaseKinds())('the encuentro command on %s', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'encuentro-cli-'));
  let env: Record<string, string> = {};
  let drop = async () => {};
  beforeAll(async () => {
    if (kind === 'pglite') {
      // A directory that does not exist yet: the command creates it, as the server does.
      env = { DATA_DIR: join(dir, 'data') };
    } else {
      const fresh = await freshDatabase('postgres');
      // The command opens its own connections; this one only creates and drops the database.
      await fresh.database.close();
      drop = fresh.drop;
      env = { DATABASE_URL: fresh.url as string, DATA_DIR: join(dir, 'unused') };
    }
  });
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, then loads the demo network once', async () => {
    const migrate = await encuentro(['migrate'], env);
    expect(migrate.stderr).toBe('');
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toContain(kind === 'pglite' ? 'Database: embedded (PGlite) in' : 'Database: PostgreSQL at');
    expect(migrate.stdout).toMatch(/Applied \d+ migrations?: 0000_init\.sql/);

    const seed = await encuentro(['seed', 'demo'], env);
    expect(seed.status).toBe(0);
    expect(seed.stdout).not.toContain('Applied');
    expect(seed.stdout).toMatch(/Loaded the demo network: \d+ organisations, \d+ people, \d+ sessions\./);

    const again = await encuentro(['seed', 'demo'], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('The demo network is already loaded; nothing changed.');
  });

  it('imports the example files of the documentation', async () => {
    const organisations = await encuentro(['import', 'organisations', join(EXAMPLES, 'organisations.csv')], env);
    expect(organisations.stderr).toBe('');
    expect(organisations.stdout).toContain('Imported 3 organisations.');
    expect(organisations.status).toBe(0);

    const people = await encuentro(['import', 'people', '-'], env, readFileSync(join(EXAMPLES, 'people.csv'), 'utf8'));
    expect(people.stdout).toContain('Imported 3 people.');
    expect(people.status).toBe(0);
  });

  it('creates the first admin, then promotes nothing twice', async () => {
    const created = await encuentro(['admin', 'create', 'First.Admin@Network.example', '--name', 'First Admin'], env);
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Created an admin account for first.admin@network.example');
    const again = await encuentro(['admin', 'create', 'first.admin@network.example'], env);
    expect(again.stdout).toContain('already an admin');
    const bad = await encuentro(['admin', 'create', 'not-an-address'], { ...env, LANG: 'es_ES.UTF-8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('no es una dirección de correo válida');
  });

  it('creates a news editor with the name given, as the README says, and wants a name after --name', async () => {
    const created = await encuentro(['editor', 'create', 'Edna.Writer@Network.example', '--name', 'Edna Writer'], env);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Created a news editor account for edna.writer@network.example');
    const database = env.DATABASE_URL
      ? await openDatabase({ databaseUrl: env.DATABASE_URL, poolSize: 1 })
      : await openDatabase({ dataDir: env.DATA_DIR as string });
    try {
      const [account] = await rows<{ role: string; name: string | null }>(
        database.db,
        sql`select u.role::text as role, p.name from users u left join people p on p.id = u.person_id
            where u.email = 'edna.writer@network.example'`,
      );
      expect(account).toEqual({ role: 'editor', name: 'Edna Writer' });
    } finally {
      await database.close();
    }
    const nameless = await encuentro(['editor', 'create', 'someone@network.example', '--name'], env);
    expect(nameless.status).toBe(2);
    const stray = await encuentro(['editor', 'create', 'someone@network.example', '--nom', 'X'], env);
    expect(stray.status).toBe(2);
    expect(stray.stderr).toContain('--nom');
  });

  it('rejects a bad file with its line numbers, exits 1, and says it in Spanish under an es locale', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      [
        'slug,kind,name,country,member_of',
        'fine-label,label,A Fine Label,MX,admi',
        'nowhere,label,Nowhere Records,XX,',
        '',
        'aurora-discos,label,Taken Again,,',
      ].join('\n'),
    );
    const english = await encuentro(['import', 'organisations', file], env);
    expect(english.status).toBe(1);
    expect(english.stderr).toContain('Rejected 2 of 3 rows; nothing was imported:\n');
    expect(english.stderr).toContain('\n  line 3: country “XX” is not one of the directory’s countries');
    expect(english.stderr).toContain(
      '\n  line 5: slug “aurora-discos” is already used by an organisation in the directory\n',
    );

    const spanish = await encuentro(['import', 'organizations', file], { ...env, LANG: 'es_ES.UTF-8' });
    expect(spanish.status).toBe(1);
    expect(spanish.stderr).toContain('Se rechazaron 2 de 3 filas; no se importó nada:\n');
    expect(spanish.stderr).toContain('\n  línea 3: country «XX» no es uno de los países del directorio');

    // Nothing of the file went in: the good row imports now that the bad ones are gone.
    writeFileSync(file, 'slug,kind,name,country,member_of\nfine-label,label,A Fine Label,MX,admi\n');
    const fixed = await encuentro(['import', 'organisations', file], env);
    expect(fixed.stdout).toContain('Imported 1 organisation.');
    expect(fixed.status).toBe(0);
  });
});

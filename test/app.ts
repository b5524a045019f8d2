import { type AppOptions, buildApp } from '../server/app.ts';
import { type Database, type DatabaseKind, openDatabase } from '../server/db/client.ts';
import type { App } from '../server/http/types.ts';
import { type Runtime, type RuntimeOptions, startRuntime } from '../server/runtime.ts';
import { freshDatabase } from './databases.ts';

export interface TestApp {
  app: App;
  runtime: Runtime;
  close(): Promise<void>;
}

/** A full app on a fresh, migrated database of the given kind, with the demo network loaded. */
export async function startTestApp(
  kind: DatabaseKind,
  options: Partial<RuntimeOptions> = {},
  appOptions: AppOptions = {},
): Promise<TestApp> {
  const loadDemo = options.loadDemo ?? true;
  const fresh = await freshDatabase(kind, loadDemo ? 'demo' : 'schema');
  const runtime = await startRuntime(fresh.database, { ...options, loadDemo });
  const app = await buildApp(runtime.ctx, appOptions);
  await app.ready();
  return {
    app,
    runtime,
    async close() {
      await app.close();
      await runtime.close().catch(() => {});
      await fresh.drop().catch(() => {});
    },
  };
}

export interface TestInstances {
  /** One on PGlite; two sharing the database on PostgreSQL, as behind a load balancer. */
  apps: App[];
  runtimes: Runtime[];
  close(): Promise<void>;
}

export interface InstancesOptions {
  /** The address the second instance reaches PostgreSQL by (a relay the test can break, say); the database's own by default. */
  secondDatabaseUrl?: (databaseUrl: string) => string;
}

/** The app as several instances on one fresh database (the demo loaded once), where the kind allows it. */
export async function startTestInstances(
  kind: DatabaseKind,
  appOptions: AppOptions = {},
  options: InstancesOptions = {},
): Promise<TestInstances> {
  const fresh = await freshDatabase(kind, 'demo');
  const runtimes: Runtime[] = [await startRuntime(fresh.database, { loadDemo: true })];
  let second: Database | undefined;
  if (kind === 'postgres' && fresh.url) {
    second = await openDatabase({ databaseUrl: options.secondDatabaseUrl?.(fresh.url) ?? fresh.url, poolSize: 5 });
    runtimes.push(await startRuntime(second, { loadDemo: false }));
  }
  const apps: App[] = [];
  for (const runtime of runtimes) {
    const app = await buildApp(runtime.ctx, { serveWeb: false, ...appOptions });
    await app.ready();
    apps.push(app);
  }
  return {
    apps,
    runtimes,
    async close() {
      for (const app of apps) await app.close();
      for (const runtime of runtimes) await runtime.close().catch(() => {});
      await fresh.drop().catch(() => {});
    },
  };
}

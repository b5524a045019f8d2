import { buildApp } from '../server/app.ts';
import type { DatabaseKind } from '../server/db/client.ts';
import type { App } from '../server/http/types.ts';
import { type Runtime, type RuntimeOptions, startRuntime } from '../server/runtime.ts';
import { freshDatabase } from './databases.ts';

export interface TestApp {
  app: App;
  runtime: Runtime;
  close(): Promise<void>;
}

/** A full app on a fresh, migrated database of the given kind, with the demo network loaded. */
export async function startTestApp(kind: DatabaseKind, options: Partial<RuntimeOptions> = {}): Promise<TestApp> {
  const fresh = await freshDatabase(kind);
  const runtime = await startRuntime(fresh.database, { ...options, loadDemo: options.loadDemo ?? true });
  const app = await buildApp(runtime.ctx);
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

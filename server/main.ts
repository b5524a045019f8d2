import { mkdirSync } from 'node:fs';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type PublicOrigins, publicOrigins, trustedProxies } from './config.ts';
import { claimDataDir, DataDirInUse } from './db/data-dir-lock.ts';
import { createMailer } from './mail/mailer.ts';
import { openConfiguredDatabase, startRuntime } from './runtime.ts';
import { stopOnSignals } from './shutdown.ts';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  let origins: PublicOrigins;
  let trustProxy: false | string[];
  try {
    config = loadConfig();
    origins = publicOrigins(config);
    trustProxy = trustedProxies(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const onDisk = !config.DATABASE_URL && !config.DATA_DIR.includes('://');
  let releaseDataDir = () => {};
  if (onDisk) {
    mkdirSync(config.DATA_DIR, { recursive: true });
    try {
      releaseDataDir = claimDataDir(config.DATA_DIR);
    } catch (error) {
      if (error instanceof DataDirInUse) {
        console.error(error.message);
        process.exit(1);
      }
      throw error;
    }
  }

  const database = await openConfiguredDatabase(config);
  const production = config.NODE_ENV === 'production';
  const runtime = await startRuntime(database, {
    loadDemo: config.LOAD_DEMO === 'true',
    production,
    origins,
    outbox: { leaseMs: config.OUTBOX_LEASE_MS },
    mailer: createMailer({
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      production,
      log: (message) => console.info(message),
    }),
  });
  const app = await buildApp(runtime.ctx, {
    logger: { level: config.LOG_LEVEL },
    trustProxy,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
  });
  app.log.info(
    {
      database: database.kind,
      migrations: runtime.migrations,
      demoLoaded: runtime.demoLoaded,
      ...(database.kind === 'pglite' ? { dataDir: config.DATA_DIR } : {}),
    },
    'database ready',
  );

  stopOnSignals({
    graceMs: config.SHUTDOWN_GRACE_MS,
    log: app.log,
    async close() {
      // Requests first (they may still record scans), then the database they use.
      await app.close();
      await runtime.close();
      releaseDataDir();
    },
  });

  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

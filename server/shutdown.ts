/** What a stopping instance logs with. */
interface ShutdownLog {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface ShutdownOptions {
  /** Stop taking requests, finish those in flight, close the database. */
  close(): Promise<void>;
  /** After this long the process exits anyway, with status 1. */
  graceMs: number;
  log: ShutdownLog;
  /** process.exit, unless a test wants to see the status. */
  exit?: (status: number) => void;
}

/**
 * On SIGTERM (a deployment, an orchestrator) or SIGINT (Ctrl-C) the instance
 * stops cleanly and exits 0; if that takes longer than the grace period it
 * exits 1 with the work unfinished. Further signals while stopping are
 * ignored rather than cutting the shutdown short: `npm start` passes Ctrl-C
 * on to the server as a second SIGINT, and the grace period bounds the wait.
 */
export function stopOnSignals(options: ShutdownOptions): void {
  const exit = options.exit ?? ((status: number) => process.exit(status));
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    options.log.info({ signal, graceMs: options.graceMs }, 'shutting down: finishing the requests in flight');
    const deadline = setTimeout(() => {
      options.log.error({ graceMs: options.graceMs }, 'shutdown grace period over: exiting with work unfinished');
      exit(1);
    }, options.graceMs);
    options.close().then(
      () => {
        clearTimeout(deadline);
        options.log.info({}, 'shut down cleanly');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        options.log.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

import { Worker } from 'node:worker_threads';
import { messages, type QueryOptions, type Results, type RowMode } from '@electric-sql/pglite';

/**
 * The embedded database on a thread of its own (decision 0029). PGlite is
 * PostgreSQL compiled to WebAssembly: in process it runs every statement on
 * the main thread, so one slow query held up HTTP parsing, SSE writes and
 * every other request. Here a worker thread (pglite-worker.ts) owns it, and
 * this class offers the part of PGlite's interface the app and Drizzle's
 * PGlite driver call: `query` (object or array rows, Drizzle's type parsers),
 * `exec`, interactive `transaction`s (Drizzle's savepoints are plain
 * statements inside them), `listen`, `dumpDataDir` and `close`.
 *
 * Statements keep PGlite's order: one at a time, and a statement issued
 * outside a transaction waits until the open transaction ends. Values cross
 * by structured clone (Date, bigint, Uint8Array and JSON values survive);
 * errors keep their PostgreSQL fields (`code`, `constraint`, `detail`…).
 */
export class PgliteThread {
  private nextId = 1;
  private nextTransaction = 1;
  private readonly pending = new Map<number, Waiter>();
  private readonly channels = new Map<string, Channel>();
  private stopped: Error | null = null;
  private closing: Promise<void> | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => this.receive(reply));
    const stop = (error: Error) => {
      this.stopped ??= error;
      for (const waiter of this.pending.values()) waiter.reject(this.stopped);
      this.pending.clear();
    };
    worker.on('error', (error) => stop(new Error(`The embedded database stopped: ${error.message}`, { cause: error })));
    worker.on('exit', () => stop(new Error('The embedded database is closed')));
  }

  /**
   * Start the thread and open the database in `dataDir` (`memory://` keeps
   * nothing), from the tarball `loadDataDir` when given (a dump of another one).
   */
  static async open(dataDir: string, loadDataDir?: Uint8Array): Promise<PgliteThread> {
    const worker = new Worker(bootstrap(), {
      workerData: { dataDir, loadDataDir } satisfies ThreadData,
      execArgv: withoutPreloads(process.execArgv),
    });
    const thread = new PgliteThread(worker);
    // The worker answers request 0 when the database is ready (or could not open). From then on
    // only a request waiting for its answer keeps the process alive, as with PGlite in process.
    await new Promise<unknown>((resolve, reject) => thread.pending.set(0, { resolve, reject })).catch(
      async (error: unknown) => {
        await worker.terminate();
        throw error;
      },
    );
    return thread;
  }

  get closed(): boolean {
    return this.stopped !== null || this.closing !== null;
  }

  async query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return parsed(await this.send<Results<T>>(queryRequest(sql, params, options)), options);
  }

  async exec(sql: string, options?: QueryOptions): Promise<Results[]> {
    return (await this.send<Results[]>(execRequest(sql, options))).map((result) => parsed(result, options));
  }

  /**
   * BEGIN, then `callback` with a transaction whose statements run inside it;
   * COMMIT when it returns, ROLLBACK when it throws (the error goes on).
   */
  async transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const id = this.nextTransaction++;
    // Not awaited before the callback: its first statement goes along at once and waits in the thread.
    const began = this.send({ op: 'begin', tx: id });
    began.catch(() => {});
    const tx = new ThreadTransaction(this, id);
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      if (!tx.closed) await tx.end(false).catch(() => {});
      // A BEGIN that failed is the cause of whatever failed after it.
      await began;
      throw error;
    }
    await began;
    if (!tx.closed) await tx.end(true);
    return result;
  }

  /**
   * Call `onPayload` for every NOTIFY on `channel`. As with PGlite in process, a
   * notification raised inside a transaction arrives after its COMMIT, and one
   * raised by a statement arrives before that statement's answer.
   */
  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { callbacks: new Set(), ready: this.send({ op: 'listen', channel }) };
      this.channels.set(channel, entry);
    }
    const subscription = (payload: string) => onPayload(payload);
    const listened = entry;
    listened.callbacks.add(subscription);
    const unlisten = async () => {
      if (!listened.callbacks.delete(subscription) || listened.callbacks.size > 0) return;
      if (this.channels.get(channel) === listened) this.channels.delete(channel);
      if (!this.closed) await this.send({ op: 'unlisten', channel });
    };
    try {
      await listened.ready;
    } catch (error) {
      listened.callbacks.delete(subscription);
      if (listened.callbacks.size === 0 && this.channels.get(channel) === listened) this.channels.delete(channel);
      throw error;
    }
    return unlisten;
  }

  /** A tarball of the data directory (for backups), as PGlite's `dumpDataDir` gives it. */
  async dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<File> {
    const dump = await this.send<{ bytes: ArrayBuffer; name: string | null; type: string }>({
      op: 'dump',
      ...(compression ? { compression } : {}),
    });
    return new File([dump.bytes], dump.name ?? 'pgdata.tar', { type: dump.type });
  }

  /** Wait for what runs, close the database and end the thread; closing twice is harmless. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (!this.stopped) await this.send({ op: 'close' });
      } finally {
        await this.worker.terminate();
      }
    })();
    return this.closing;
  }

  /** @internal */
  send<T>(request: RequestBody): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      try {
        this.worker.postMessage({ ...request, id });
      } catch (error) {
        // A parameter that cannot be copied to the thread (a function, say).
        reject(error);
        return;
      }
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private receive(reply: Reply): void {
    if ('channel' in reply) {
      const entry = this.channels.get(reply.channel);
      // Each on its own, as PGlite calls its listeners.
      for (const callback of entry?.callbacks ?? []) queueMicrotask(() => callback(reply.payload));
      return;
    }
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if ('error' in reply) waiter.reject(receivedError(reply.error));
    else waiter.resolve(reply.value);
  }
}

/** The transaction handed to `PgliteThread.transaction`'s callback (PGlite's `Transaction`). */
export class ThreadTransaction {
  private ended = false;

  constructor(
    private readonly thread: PgliteThread,
    private readonly id: number,
  ) {}

  get closed(): boolean {
    return this.ended;
  }

  async query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    if (this.ended) throw new Error('Transaction is closed');
    return parsed(await this.thread.send<Results<T>>(queryRequest(sql, params, options, this.id)), options);
  }

  async exec(sql: string, options?: QueryOptions): Promise<Results[]> {
    if (this.ended) throw new Error('Transaction is closed');
    const results = await this.thread.send<Results[]>(execRequest(sql, options, this.id));
    return results.map((result) => parsed(result, options));
  }

  /** Roll back now; the transaction's callback may still return normally. */
  rollback(): Promise<void> {
    if (this.ended) return Promise.reject(new Error('Transaction is closed'));
    return this.end(false);
  }

  /** @internal */
  async end(commit: boolean): Promise<void> {
    this.ended = true;
    await this.thread.send({ op: 'end', tx: this.id, commit });
  }
}

// ---------------------------------------------------------------- what crosses the thread boundary

/** What the worker is started with. */
export interface ThreadData {
  dataDir: string;
  loadDataDir?: Uint8Array | undefined;
}

interface QueryRequest {
  op: 'query';
  sql: string;
  params: unknown[] | undefined;
  rowMode?: RowMode;
  /** Types the caller parses itself: the worker leaves them as text. */
  textTypes?: number[];
  paramTypes?: number[];
  tx?: number;
}

interface ExecRequest {
  op: 'exec';
  sql: string;
  rowMode?: RowMode;
  textTypes?: number[];
  tx?: number;
}

type RequestBody =
  | QueryRequest
  | ExecRequest
  | { op: 'begin'; tx: number }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'listen'; channel: string }
  | { op: 'unlisten'; channel: string }
  | { op: 'dump'; compression?: 'none' | 'gzip' | 'auto' }
  | { op: 'close' };

export type Request = RequestBody & { id: number };

/** An error as it crosses: its message, its stack, and its own fields (PostgreSQL's `code`, `constraint`…). */
export interface SentError {
  message: string;
  stack?: string | undefined;
  /** PGlite's DatabaseError (an error PostgreSQL reported), rebuilt as one on arrival. */
  database: boolean;
  fields: Record<string, unknown>;
}

/** Answer to request `id` (0 is the start-up), or a notification. */
export type Reply =
  | { id: number; value: unknown }
  | { id: number; error: SentError }
  | { channel: string; payload: string };

interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Channel {
  callbacks: Set<(payload: string) => void>;
  ready: Promise<unknown>;
}

const UNSUPPORTED: (keyof QueryOptions)[] = ['serializers', 'blob', 'onNotice'];

function supported(options: QueryOptions | undefined): void {
  for (const key of UNSUPPORTED) {
    if (options?.[key] !== undefined) throw new Error(`PGlite's ${key} option does not cross to the database thread`);
  }
}

function textTypesOf(options: QueryOptions | undefined): { textTypes?: number[] } {
  if (!options?.parsers) return {};
  return { textTypes: Object.keys(options.parsers).map(Number) };
}

function queryRequest(
  sql: string,
  params: unknown[] | undefined,
  options: QueryOptions | undefined,
  tx?: number,
): QueryRequest {
  supported(options);
  return {
    op: 'query',
    sql,
    params,
    ...(tx === undefined ? {} : { tx }),
    ...(options?.rowMode ? { rowMode: options.rowMode } : {}),
    ...textTypesOf(options),
    ...(options?.paramTypes ? { paramTypes: options.paramTypes } : {}),
  };
}

function execRequest(sql: string, options: QueryOptions | undefined, tx?: number): ExecRequest {
  supported(options);
  return {
    op: 'exec',
    sql,
    ...(tx === undefined ? {} : { tx }),
    ...(options?.rowMode ? { rowMode: options.rowMode } : {}),
    ...textTypesOf(options),
  };
}

/** Apply the caller's own type parsers, here where its functions live (the worker left those values as text). */
function parsed<T>(result: Results<T>, options: QueryOptions | undefined): Results<T> {
  const parsers = options?.parsers;
  if (!parsers) return result;
  const columns: { index: number; name: string; type: number; parse: (text: string, type: number) => unknown }[] = [];
  result.fields.forEach((field, index) => {
    const parse = parsers[field.dataTypeID];
    if (parse) columns.push({ index, name: field.name, type: field.dataTypeID, parse });
  });
  if (columns.length === 0) return result;
  const arrays = options.rowMode === 'array';
  for (const row of result.rows as Record<string | number, unknown>[]) {
    for (const { index, name, type, parse } of columns) {
      const key = arrays ? index : name;
      const text = row[key];
      if (text !== null && text !== undefined) row[key] = parse(text as string, type);
    }
  }
  return result;
}

function receivedError(sent: SentError): Error {
  const error = sent.database ? new messages.DatabaseError(sent.message, 0, 'error') : new Error(sent.message);
  Object.assign(error, sent.fields);
  if (sent.stack) error.stack = sent.stack;
  return error;
}

/**
 * The worker's code is TypeScript and Node 20 cannot load it alone: a worker
 * thread does not inherit the main thread's loaders (tsx registered by
 * `--import tsx`, by the `encuentro` command's `register()`, or Vitest's own).
 * A small module registers tsx in the thread, then imports the worker.
 */
/**
 * The process's Node options for the thread, less its preloaded modules
 * (`--import`, `--require`): the thread registers its TypeScript loader
 * itself, and a preload written in TypeScript (a probe the soak run adds to
 * the server) would reach the thread before that loader and stop it.
 */
export function withoutPreloads(execArgv: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] as string;
    if (arg === '--import' || arg === '--require' || arg === '-r') i++;
    else if (!arg.startsWith('--import=') && !arg.startsWith('--require=')) kept.push(arg);
  }
  return kept;
}

function bootstrap(): URL {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./pglite-worker.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(entry)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

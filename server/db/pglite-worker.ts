/**
 * The thread that owns the embedded database (started by pglite-thread.ts).
 * PGlite runs here, so its work (planning, executing, the wire protocol,
 * decoding results) leaves the main thread free for HTTP. Requests arrive as
 * messages and are handed to PGlite as they come: PGlite's own locks keep
 * them in order, so a statement outside a transaction waits while another
 * request's transaction is open, exactly as it does in process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { messages, PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Reply, Request, SentError, ThreadData } from './pglite-thread.ts';

const port = parentPort!;
const { dataDir, loadDataDir } = workerData as ThreadData;

/** Transactions by the main thread's number: `tx` once BEGIN ran (it may wait for another transaction). */
const open = new Map<number, { tx: Promise<Transaction>; decide(commit: boolean): void; done: Promise<void> }>();
const listening = new Map<string, () => Promise<void>>();

/**
 * Values of these types stay as PostgreSQL's text: the caller asked to parse
 * them itself, and its parsers (functions) cannot cross to this thread.
 */
const asText = new Map<string, QueryOptions['parsers']>();
function keepingText(types: number[] | undefined): QueryOptions | undefined {
  if (!types || types.length === 0) return undefined;
  const key = types.join(',');
  let parsers = asText.get(key);
  if (!parsers) {
    parsers = Object.fromEntries(types.map((type) => [type, (text: string) => text]));
    asText.set(key, parsers);
  }
  return { parsers };
}

/** The open transaction a statement names, once its BEGIN ran. */
async function transactionOf(id: number): Promise<Transaction> {
  const entry = open.get(id);
  if (!entry) throw new Error('Transaction is closed');
  return entry.tx;
}

function send(reply: Reply, transfer?: ArrayBuffer[]): void {
  port.postMessage(reply, transfer);
}

function sentError(error: unknown): SentError {
  if (!(error instanceof Error)) return { message: String(error), database: false, fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    // The caller's options hold functions, and it has them already.
    if (key !== 'queryOptions') fields[key] = value;
  }
  return {
    message: error.message,
    stack: error.stack,
    database: error instanceof messages.DatabaseError,
    fields,
  };
}

function fail(id: number, error: unknown): void {
  const sent = sentError(error);
  try {
    send({ id, error: sent });
  } catch {
    // A parameter that cannot be copied (it reached PGlite, so it is unusual): the error without them.
    delete sent.fields.params;
    send({ id, error: sent });
  }
}

/**
 * BEGIN as soon as no other transaction runs; COMMIT or ROLLBACK when the main
 * thread says which (an `end` request). The main thread does not wait for the
 * BEGIN: its first statement follows at once and waits here instead, which
 * saves a round trip while the database is held.
 */
function begin(id: number, transaction: number): void {
  let started = false;
  let opened!: (tx: Transaction) => void;
  let failed!: (error: unknown) => void;
  const tx = new Promise<Transaction>((resolve, reject) => {
    opened = resolve;
    failed = reject;
  });
  // Statements and the `end` request report a failed BEGIN themselves.
  tx.catch(() => {});
  let decide!: (commit: boolean) => void;
  const decided = new Promise<boolean>((resolve) => {
    decide = resolve;
  });
  const done = db.transaction(async (inside) => {
    started = true;
    opened(inside);
    send({ id, value: null });
    if (!(await decided)) await inside.rollback();
  });
  open.set(transaction, { tx, decide, done });
  done.then(
    () => open.delete(transaction),
    (error: unknown) => {
      open.delete(transaction);
      failed(error);
      // Once started, the `end` request reports how it ended.
      if (!started) fail(id, error);
    },
  );
}

async function handle(request: Request): Promise<void> {
  const { id } = request;
  switch (request.op) {
    case 'query': {
      const options = keepingText(request.textTypes);
      const target = request.tx === undefined ? db : await transactionOf(request.tx);
      const result = await target.query(request.sql, request.params, {
        ...options,
        ...(request.rowMode ? { rowMode: request.rowMode } : {}),
        ...(request.paramTypes ? { paramTypes: request.paramTypes } : {}),
      });
      send({ id, value: result });
      return;
    }
    case 'exec': {
      const options = keepingText(request.textTypes);
      const target = request.tx === undefined ? db : await transactionOf(request.tx);
      const results: Results[] = await target.exec(request.sql, {
        ...options,
        ...(request.rowMode ? { rowMode: request.rowMode } : {}),
      });
      send({ id, value: results });
      return;
    }
    case 'begin':
      begin(id, request.tx);
      return;
    case 'end': {
      const entry = open.get(request.tx);
      if (!entry) throw new Error('Transaction is closed');
      await entry.tx;
      entry.decide(request.commit);
      await entry.done;
      send({ id, value: null });
      return;
    }
    case 'listen': {
      const { channel } = request;
      if (!listening.has(channel)) {
        listening.set(channel, await db.listen(channel, (payload) => send({ channel, payload })));
      }
      send({ id, value: null });
      return;
    }
    case 'unlisten': {
      const stop = listening.get(request.channel);
      listening.delete(request.channel);
      await stop?.();
      send({ id, value: null });
      return;
    }
    case 'dump': {
      const file = await db.dumpDataDir(request.compression);
      const bytes = await file.arrayBuffer();
      send({ id, value: { bytes, name: file instanceof File ? file.name : null, type: file.type } }, [bytes]);
      return;
    }
    case 'close':
      await db.close();
      send({ id, value: null });
      return;
  }
}

let db: PGlite;
try {
  db = await PGlite.create(dataDir, {
    extensions: { pg_trgm },
    ...(loadDataDir ? { loadDataDir: new Blob([new Uint8Array(loadDataDir)]) } : {}),
  });
} catch (error) {
  send({ id: 0, error: sentError(error) });
  throw error;
}
port.on('message', (request: Request) => {
  handle(request).catch((error: unknown) => fail(request.id, error));
});
send({ id: 0, value: null });

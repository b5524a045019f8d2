import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const gzipInPool = promisify(gzip);
const brotliInPool = promisify(brotliCompress);

/**
 * Smaller bodies go as they are: the bytes saved would not pay for the
 * `Content-Encoding` and `Vary` headers and the phone's work to inflate them.
 */
export const COMPRESS_FROM_BYTES = 1024;

export type Encoding = 'br' | 'gzip' | 'identity';

/** One way of sending the same JSON: its bytes on the wire and the validator that names them. */
export interface Representation {
  encoding: Encoding;
  bytes: Buffer;
  etag: string;
}

/**
 * A cached answer ready to be written: the JSON encoded to UTF-8 once, its
 * ETag, and (for bodies worth it) its gzip and Brotli forms. A cache hit then
 * writes bytes it already has: no serialisation, no UTF-8 encoding, no
 * hashing, no compression per request (decision 0028).
 *
 * The compressed forms are made once per entry, in libuv's thread pool (never
 * on the main thread, which PGlite shares), the first time a client that
 * accepts them asks; that client waits for them (Brotli at its best quality
 * takes some tens of ms for the programme, gzip about one), every later one
 * gets them at once.
 */
export class PreparedJson {
  readonly identity: Representation;
  private gzip: Representation | undefined;
  private br: Representation | undefined;
  private gzipping: Promise<Representation> | undefined;
  private brotli: Promise<Representation> | undefined;

  constructor(value: unknown) {
    const bytes = Buffer.from(JSON.stringify(value), 'utf8');
    const hash = createHash('sha1').update(bytes).digest('base64url').slice(0, 20);
    this.identity = { encoding: 'identity', bytes, etag: `"${hash}"` };
  }

  /** Whether the answer depends on Accept-Encoding (and says so with `Vary`). */
  get compressible(): boolean {
    return this.identity.bytes.length >= COMPRESS_FROM_BYTES;
  }

  /**
   * What to send to a client with this Accept-Encoding: Brotli when it takes
   * it, else gzip, else the plain bytes. Synchronous once that form exists,
   * which is every request but the first of its kind.
   */
  representationFor(acceptEncoding: string | undefined): Representation | Promise<Representation> {
    if (!this.compressible || !acceptEncoding) return this.identity;
    const accepted = acceptedEncodings(acceptEncoding);
    if (accepted.br) return this.br ?? this.compressBrotli();
    if (accepted.gzip) return this.gzip ?? this.compressGzip();
    return this.identity;
  }

  /** If-None-Match names one of this entry's representations: they all carry the same JSON. */
  heldBy(ifNoneMatch: string | undefined): Representation | undefined {
    if (!ifNoneMatch) return undefined;
    for (const held of [this.identity, this.gzip, this.br]) {
      if (held && ifNoneMatch.includes(held.etag)) return held;
    }
    return undefined;
  }

  private compressGzip(): Promise<Representation> {
    this.gzipping ??= gzipInPool(this.identity.bytes).then(
      (bytes) => {
        this.gzip = this.variant('gzip', bytes);
        return this.gzip;
      },
      // Compression failing is no reason to fail the read: the plain bytes still serve.
      () => this.identity,
    );
    return this.gzipping;
  }

  private compressBrotli(): Promise<Representation> {
    this.brotli ??= brotliInPool(this.identity.bytes, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: this.identity.bytes.length,
      },
    }).then(
      (bytes) => {
        this.br = this.variant('br', bytes);
        return this.br;
      },
      () => this.identity,
    );
    return this.brotli;
  }

  private variant(encoding: 'br' | 'gzip', bytes: Buffer): Representation {
    return { encoding, bytes, etag: `${this.identity.etag.slice(0, -1)}-${encoding}"` };
  }
}

interface Accepted {
  br: boolean;
  gzip: boolean;
}

/** Browsers send a handful of distinct Accept-Encoding values; each is parsed once. */
const acceptedByHeader = new Map<string, Accepted>();
const MAX_REMEMBERED_HEADERS = 64;

/** The codings of RFC 9110 §12.5.3 we can send, honouring `;q=0` and `*`. */
export function acceptedEncodings(header: string): Accepted {
  const known = acceptedByHeader.get(header);
  if (known) return known;
  const weights = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim());
    if (!name) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const acceptable = (coding: string) => (weights.get(coding) ?? weights.get('*') ?? 0) > 0;
  // x-gzip is an old alias of gzip: it counts when named, never through `*`.
  const accepted = { br: acceptable('br'), gzip: acceptable('gzip') || (weights.get('x-gzip') ?? 0) > 0 };
  if (acceptedByHeader.size >= MAX_REMEMBERED_HEADERS) acceptedByHeader.clear();
  acceptedByHeader.set(header, accepted);
  return accepted;
}

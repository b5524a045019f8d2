import { createHash } from 'node:crypto';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { App } from './types.ts';

/**
 * The Content-Security-Policy of every response. The web app is Vite's
 * output: module scripts and stylesheets from our own origin, nothing inline.
 * - `'wasm-unsafe-eval'`: the badge scanner's BarcodeDetector polyfill
 *   compiles zxing's WebAssembly (served by us); it allows no JavaScript eval.
 * - `data:`/`blob:` images: QR codes drawn in the browser.
 * - `style-src 'self'`: React's `style={{…}}` goes through the CSSOM, which
 *   CSP does not govern; markup with style attributes or elements is refused.
 * - The JSON-LD of article pages needs nothing: a `<script>` whose type is
 *   not JavaScript is a data block, which the browser never runs, and CSP
 *   only judges scripts that would run.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The same policy, plus one inline style element known in advance (the dev mailbox page). */
export function cspAllowingStyle(css: string) {
  const hash = createHash('sha256').update(css).digest('base64');
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CSP_DIRECTIVES, 'style-src': ["'self'", `'sha256-${hash}'`] },
    },
  };
}

/** One year, the least the browsers' preload lists accept. */
const HSTS = 'max-age=31536000; includeSubDomains';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a write comes from a page of another site. Browsers send Origin
 * with every cross-origin write (fetch, forms); a sandboxed page or a
 * privacy-minded redirect sends "null", which is refused too. Without
 * Origin, Sec-Fetch-Site still tells a browser's cross-site request. A
 * request with neither comes from something that is not a browser (curl, a
 * script): it holds its cookie itself, so it cannot be forged by a page.
 */
export function isCrossSiteWrite(request: FastifyRequest, acceptedOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.origin;
  if (origin !== undefined) return !acceptedOrigins.includes(origin);
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  return false;
}

/** A URL as it may be written to the log: sign-in and calendar tokens are secrets. */
export const redactedUrl = (url: string): string => url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');

/** Fastify's request serializer with the URL redacted (fastify/lib/logger-pino.js has the original). */
export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactedUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
};

/**
 * The HTTP trust boundary shared by every route: security headers, HSTS when
 * the browser came over TLS, cross-site writes refused, and bodies only as
 * JSON (a page of another site can send text/plain, a form or multipart
 * without asking; JSON from another origin needs a CORS preflight we never
 * grant).
 */
export async function registerSecurity(app: App, ctx: AppContext): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Sent below only when the request arrived over TLS (or a trusted proxy says it did).
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    // Full referrer on our own pages, none to other sites: a URL of ours never leaves. Not
    // no-referrer: that makes browsers send "Origin: null" on a same-origin form post.
    referrerPolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    if (isCrossSiteWrite(request, ctx.acceptedOrigins)) throw new AppError('forbidden', 'accounts.error.cross_site');
  });
  app.removeContentTypeParser('text/plain');
}

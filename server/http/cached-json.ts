import type { FastifyReply, FastifyRequest } from 'fastify';
import { PreparedJson } from '../cache/prepared-json.ts';
import type { ReadCache } from '../cache/read-cache.ts';

/**
 * Answer a read from the cache, keyed by route and validated parameters.
 * Bodies are language-neutral (texts carry both languages), so `lang` is not
 * part of the key. A hit writes bytes prepared when the entry was made
 * (compressed when the client accepts it); conditional requests get a 304.
 */
export async function sendCachedJson(
  cache: ReadCache,
  request: FastifyRequest,
  reply: FastifyReply,
  load: () => Promise<unknown>,
): Promise<void> {
  const { lang: _lang, ...query } = (request.query ?? {}) as Record<string, unknown>;
  const key = `${request.routeOptions.url}|${JSON.stringify(request.params)}|${JSON.stringify(query)}`;
  const prepared = await cache.get<PreparedJson>(key, async () => new PreparedJson(await load()));
  const chosen = prepared.representationFor(request.headers['accept-encoding']);
  const representation = chosen instanceof Promise ? await chosen : chosen;
  if (prepared.compressible) reply.header('vary', 'accept-encoding');
  const held = prepared.heldBy(request.headers['if-none-match']);
  if (held) {
    reply.header('etag', held.etag).header('cache-control', 'no-cache').code(304).send();
    return;
  }
  reply.header('etag', representation.etag).header('cache-control', 'no-cache');
  if (representation.encoding !== 'identity') reply.header('content-encoding', representation.encoding);
  reply.type('application/json; charset=utf-8').send(representation.bytes);
}

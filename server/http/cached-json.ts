import type { FastifyReply, FastifyRequest } from 'fastify';
import { type JsonBody, jsonBody, type ReadCache } from '../cache/read-cache.ts';

/**
 * Answer a read from the cache, keyed by route and validated parameters.
 * Bodies are language-neutral (texts carry both languages), so `lang` is not
 * part of the key. Conditional requests get a 304.
 */
export async function sendCachedJson(
  cache: ReadCache,
  request: FastifyRequest,
  reply: FastifyReply,
  load: () => Promise<unknown>,
): Promise<void> {
  const { lang: _lang, ...query } = (request.query ?? {}) as Record<string, unknown>;
  const key = `${request.routeOptions.url}|${JSON.stringify(request.params)}|${JSON.stringify(query)}`;
  const { body, etag } = await cache.get<JsonBody>(key, async () => jsonBody(await load()));
  reply.header('etag', etag).header('cache-control', 'no-cache');
  if (request.headers['if-none-match'] === etag) {
    reply.code(304).send();
    return;
  }
  reply.type('application/json; charset=utf-8').send(body);
}

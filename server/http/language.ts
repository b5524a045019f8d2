import type { FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, type Language } from '../../shared/domain.ts';
import { isLanguage, languageFromAcceptHeader } from '../../shared/i18n/index.ts';

function cookieLanguage(header: string | undefined): Language | undefined {
  const match = header?.match(/(?:^|;\s*)lang=([a-z]{2})/);
  return match && isLanguage(match[1]) ? match[1] : undefined;
}

/** ?lang= forces the language; then the remembered choice (cookie); then Accept-Language. */
export function requestLanguage(request: FastifyRequest): Language {
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (isLanguage(query.lang)) return query.lang;
  return (
    cookieLanguage(request.headers.cookie) ??
    languageFromAcceptHeader(request.headers['accept-language']) ??
    DEFAULT_LANGUAGE
  );
}

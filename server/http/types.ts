import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Language } from '../../shared/domain.ts';
import type { Viewer } from './viewer.ts';

/** The Fastify instance with TypeBox typing, as every routes.ts receives it. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The language answers are written in: ?lang=, then the lang cookie, then Accept-Language. */
    language: Language;
    /** The signed-in account, or null for the public. */
    viewer: Viewer | null;
  }
}

import type { FastifyServerOptions } from 'fastify';
import { isStorableText, STORABLE } from '../../shared/schema-helpers.ts';

type AjvPlugin = Extract<
  NonNullable<NonNullable<FastifyServerOptions['ajv']>['plugins']>[number],
  (...args: never) => unknown
>;
type Ajv = Parameters<AjvPlugin>[0];

interface Issue {
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

/**
 * Teaches the request validator the STORABLE keyword that `Text` and `Int`
 * (shared/schema-helpers.ts) put on every text and whole number of a request:
 * text without NUL or unpaired surrogates, numbers that are finite. A text is
 * refused with its own keyword (server/http/errors.ts words it); an infinite
 * number as beyond the bound it passed.
 */
export const storableValues: AjvPlugin = (ajv: Ajv) => {
  ajv.addKeyword({
    keyword: STORABLE,
    schemaType: 'boolean',
    errors: true,
    // No `type` on purpose: the number keywords skip values that are not finite, and Ajv's
    // coercion makes Infinity of a query's "1e400"; a keyword for any type still sees it.
    validate: function storable(wanted: boolean, data: unknown, parentSchema?: { minimum?: number; maximum?: number }) {
      const issue = wanted ? problemOf(data, parentSchema ?? {}) : undefined;
      (storable as { errors?: Issue[] }).errors = issue ? [issue] : [];
      return issue === undefined;
    },
  });
  return ajv;
};

function problemOf(data: unknown, bounds: { minimum?: number; maximum?: number }): Issue | undefined {
  if (typeof data === 'string') {
    return isStorableText(data)
      ? undefined
      : { keyword: STORABLE, params: {}, message: 'must not contain NUL or unpaired surrogates' };
  }
  if (typeof data !== 'number' || Number.isFinite(data)) return undefined;
  if (data > 0 && bounds.maximum !== undefined) {
    return { keyword: 'maximum', params: { comparison: '<=', limit: bounds.maximum }, message: 'is too large' };
  }
  if (data < 0 && bounds.minimum !== undefined) {
    return { keyword: 'minimum', params: { comparison: '>=', limit: bounds.minimum }, message: 'is too small' };
  }
  return { keyword: 'type', params: { type: 'number' }, message: 'must be a finite number' };
}

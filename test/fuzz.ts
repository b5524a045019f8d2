import fc from 'fast-check';
import type { App } from '../server/http/types.ts';

/*
 * A fuzzer of the HTTP API: it reads the OpenAPI document, makes requests to
 * every operation from its schemas, mostly well formed but with wrong values
 * here and there (NUL and half surrogate pairs, huge and infinite numbers,
 * wrong types, missing and extra fields, unreadable bodies), sends them with
 * `app.inject` as each given role, and keeps every answer that breaks the
 * contract: a 5xx, an error not shaped { error: { code, message } }, or
 * something other than JSON where JSON is promised.
 *
 * The requests come from a seed: the same seed makes the same requests in
 * the same order, so a failure found once is found again with that seed.
 */

export interface FuzzRole {
  name: string;
  /** The session cookie, none for the public. */
  cookies: Record<string, string>;
  /** How often it is chosen against the others (1). */
  weight?: number;
}

export interface FuzzOptions {
  seed: number;
  /** Stop after this many seconds... */
  seconds: number;
  /** ...or this many requests, whichever comes first. */
  requests: number;
  roles: FuzzRole[];
  /**
   * Values that name existing things, so that requests reach past the 404s: slugs and ids by table, and texts
   * by the name of the field that takes them (a badge `code`, a `country`).
   */
  known: { slugs: Record<string, string[]>; ids: Record<string, string[]>; texts?: Record<string, string[]> };
}

export interface FuzzFailure {
  /** Which request of the seed's sequence it was (0-based). */
  index: number;
  operation: string;
  role: string;
  mode: string;
  request: string;
  status: number;
  answer: string;
  problem: string;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  seconds: number;
  byStatus: Record<number, number>;
  failures: FuzzFailure[];
}

/** Operations left out, and why. */
const NOT_FUZZED: Record<string, string> = {
  'GET /api/events/{slug}/live': 'a stream that stays open (Server-Sent Events)',
};

/** Sent only as the public: as a signed-in role they would end the very session the run goes on with. */
const ENDS_THE_SESSION = new Set(['DELETE /api/me', 'POST /api/auth/logout']);

/** How long one request may take before it counts as a failure (a hang would otherwise end the run unexplained). */
const ANSWER_WITHIN_MS = 30_000;

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface Operation {
  key: string;
  method: string;
  path: string;
  pathParameters: Parameter[];
  queryParameters: Parameter[];
  body?: JsonSchema;
}

/**
 * How a request is made: clean, as its schemas ask; faulty, with a wrong value here and there (a fault alone
 * often reaches past validation when the schema lets it); poisoned, clean but every free text holding a
 * character PostgreSQL cannot store and every unbounded whole number outsized, so that what validation lets
 * through meets the database.
 */
type Mode = 'clean' | 'faulty' | 'poisoned';

interface FuzzRequest {
  operation: Operation;
  mode: Mode;
  role: FuzzRole;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const key = `${method.toUpperCase()} ${path}`;
      if (key in NOT_FUZZED) continue;
      const parameters = operation.parameters ?? [];
      operations.push({
        key,
        method: method.toUpperCase(),
        path,
        pathParameters: parameters.filter((p) => p.in === 'path'),
        queryParameters: parameters.filter((p) => p.in === 'query'),
        body: operation.requestBody?.content['application/json']?.schema,
      });
    }
  }
  return operations;
}

// --- Values ---------------------------------------------------------------

/** Characters and texts that have broken servers before: NUL, half pairs, look-alikes of syntax. */
const NASTY_TEXTS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\ude00y',
  '\ud83d\ude00',
  '\uffff',
  '\ufeff',
  '\u202e',
  '%00',
  '%',
  '../..',
  '<script>alert(1)</script>',
  "'; drop table people; --",
  '',
  ' ',
  'null',
  'true',
  '1e400',
  '-1',
  'NaN',
  'Infinity',
  '__proto__',
  'constructor',
  '{}',
  '[]',
];

const anyCodeUnit = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
);

const wildText = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_TEXTS), weight: 4 },
  { arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 24 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }), weight: 2 },
  { arbitrary: fc.constantFrom('x'.repeat(5_000), '\u0000'.repeat(300), '\ud800'.repeat(300)), weight: 1 },
);

const wildNumber = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 32,
    2 ** 53,
    2 ** 53 + 2,
    1e308,
    -1e308,
    0.5,
    -0,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

const deepNesting = fc.integer({ min: 10, max: 2_000 }).map((depth) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

/** A value of the wrong kind for wherever it is put. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: wildText, weight: 4 },
  { arbitrary: wildNumber, weight: 3 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': null }), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
  { arbitrary: deepNesting, weight: 1 },
);

const wildKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', 'version', 'id'),
  wildText,
);

/** Characters PostgreSQL cannot store, and a half pair that survives as U+FFFD elsewhere. */
const UNSTORABLE = fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d');

/** Whole numbers of the right type that fit no 32-bit column. */
const OUTSIZED = fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53, 1e308, -1e308);

/** Free text (no pattern, format or list), or a whole number without an upper bound. */
function isPoisonable(schema: JsonSchema): boolean {
  const types = [schema.type ?? []].flat();
  if (schema.enum || schema.const !== undefined) return false;
  if (types.includes('string')) return !schema.pattern && !schema.format;
  return (types.includes('integer') || types.includes('number')) && schema.maximum === undefined;
}

/** A fault that keeps the value's type: a text with a character slipped in, an outsized whole number. */
function sameTypeFault(schema: JsonSchema, good: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const types = [schema.type ?? []].flat();
  if (types.includes('string')) {
    return fc.tuple(good, UNSTORABLE, fc.nat()).map(([value, character, at]) => {
      const text = typeof value === 'string' ? value : '';
      const cut = at % (text.length + 1);
      return `${text.slice(0, cut)}${character}${text.slice(cut)}`;
    });
  }
  if (types.includes('integer') || types.includes('number')) return OUTSIZED;
  return wrongValue;
}

/** An object without a prototype, so that a key named __proto__ is an ordinary property. */
function plainObject(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = Object.create(null);
  for (const [key, value] of entries) object[key] = value;
  return object;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const someDate = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2030-12-31T00:00:00Z'),
  noInvalidDate: true,
});

/**
 * The known values of the tables a name points at: `personId` and `owner` at people, `agenda-items` at
 * meeting_agenda_items, `category` at article_categories; all of them when none fits.
 */
function knownFor(byTable: Record<string, string[]>, name: string): string[] {
  const words = name
    .replace(/Id$/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replaceAll('-', '_')
    .toLowerCase();
  const last = words.split('_').pop() ?? words;
  const forms = new Set([words, last, `${last}s`, last.endsWith('y') ? `${last.slice(0, -1)}ies` : last]);
  if (last === 'person' || last === 'owner') forms.add('people');
  const values = Object.entries(byTable)
    .filter(([table]) => [...forms].some((form) => table === form || table.endsWith(`_${form}`)))
    .flatMap(([, found]) => found);
  return values.length > 0 ? values : Object.values(byTable).flat();
}

class ValueMaker {
  private readonly cache = new WeakMap<JsonSchema, Map<string, fc.Arbitrary<unknown>>>();

  constructor(private readonly known: FuzzOptions['known']) {}

  /** A value for the schema, made as the mode says. */
  valueFor(schema: JsonSchema, mode: Mode, name = '', depth = 0): fc.Arbitrary<unknown> {
    const key = `${mode}|${name}|${depth}`;
    let made = this.cache.get(schema);
    if (!made) {
      made = new Map();
      this.cache.set(schema, made);
    }
    let arbitrary = made.get(key);
    if (!arbitrary) {
      const good = this.wellFormed(schema, mode, name, depth);
      // Faults are rare at each place, so that a request often has one alone and it reaches past validation
      // when the schema lets it; most keep the type (a text with a NUL in it, an integer past 32 bits).
      arbitrary =
        mode === 'faulty'
          ? fc.oneof(
              { arbitrary: good, weight: 24 },
              { arbitrary: sameTypeFault(schema, good), weight: 2 },
              { arbitrary: wrongValue, weight: 1 },
            )
          : mode === 'poisoned' && isPoisonable(schema)
            ? sameTypeFault(schema, good)
            : good;
      made.set(key, arbitrary);
    }
    return arbitrary;
  }

  private wellFormed(schema: JsonSchema, mode: Mode, name: string, depth: number): fc.Arbitrary<unknown> {
    if (depth > 8) return fc.constant(null);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    if (schema.const !== undefined) return fc.constant(schema.const);
    const branches = schema.anyOf ?? schema.oneOf ?? schema.allOf;
    if (branches) return fc.oneof(...branches.map((branch) => this.valueFor(branch, mode, name, depth + 1)));
    const types = [schema.type ?? []].flat();
    if (types.length > 1) {
      return fc.oneof(...types.map((type) => this.valueFor({ ...schema, type }, mode, name, depth + 1)));
    }
    switch (types[0]) {
      case 'string':
        return this.text(schema, name);
      case 'integer':
        return this.whole(schema);
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return this.list(schema, mode, name, depth);
      case 'object':
        return this.object(schema, mode, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private text(schema: JsonSchema, name: string): fc.Arbitrary<string> {
    const hinted = this.known.texts?.[name];
    const options: { arbitrary: fc.Arbitrary<string>; weight: number }[] = [];
    if (hinted && hinted.length > 0) options.push({ arbitrary: fc.constantFrom(...hinted), weight: 8 });
    switch (schema.format) {
      case 'uuid':
        return fc.oneof(
          { arbitrary: fc.constantFrom(...knownFor(this.known.ids, name)), weight: 8 },
          { arbitrary: fc.uuid(), weight: 1 },
        );
      case 'date':
        return someDate.map(isoDay);
      case 'date-time':
        return someDate.map((date) => date.toISOString());
      case 'email':
        return fc.oneof(
          fc.constantFrom('ana@example.org', 'delegate@example.org', 'admin@example.org'),
          fc.emailAddress().filter((email) => email.length <= (schema.maxLength ?? 254)),
        );
    }
    const maxLength = Math.min(schema.maxLength ?? 60, 60);
    const minLength = Math.min(schema.minLength ?? 0, maxLength);
    if (schema.pattern) {
      if (schema.pattern.includes('[a-z0-9]+') || schema.pattern.includes('[a-z0-9-]+')) {
        options.push({ arbitrary: fc.constantFrom(...knownFor(this.known.slugs, name)), weight: 8 });
      }
      try {
        options.push({ arbitrary: fc.stringMatching(new RegExp(schema.pattern, 'u'), { maxLength }), weight: 1 });
      } catch {
        // A pattern fast-check cannot read: plain text below.
      }
    }
    options.push({ arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }), weight: 1 });
    return fc.oneof(...options);
  }

  private whole(schema: JsonSchema): fc.Arbitrary<number> {
    const min = Math.max(schema.minimum ?? -1_000_000, -1_000_000_000);
    const max = Math.min(schema.maximum ?? 1_000_000, 1_000_000_000);
    return fc.oneof(
      { arbitrary: fc.integer({ min, max: Math.min(max, min + 10) }), weight: 3 },
      { arbitrary: fc.integer({ min, max }), weight: 2 },
      { arbitrary: fc.constantFrom(min, max), weight: 1 },
    );
  }

  private list(schema: JsonSchema, mode: Mode, name: string, depth: number): fc.Arbitrary<unknown[]> {
    const item = schema.items ? this.valueFor(schema.items, mode, name, depth + 1) : fc.jsonValue({ maxDepth: 1 });
    const minLength = schema.minItems ?? 0;
    const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
    const list = fc.array(item, { minLength, maxLength });
    if (!schema.uniqueItems) return list;
    return list.map((values) => [...new Map(values.map((value) => [JSON.stringify(value), value])).values()]);
  }

  private object(schema: JsonSchema, mode: Mode, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const required = new Set(schema.required ?? []);
    const fields = Object.entries(schema.properties ?? {}).map(([key, property]) => {
      // Faulty: a required field is sometimes missing; optional fields come and go either way.
      const present = required.has(key)
        ? mode === 'faulty'
          ? fc.oneof({ arbitrary: fc.constant(true), weight: 14 }, { arbitrary: fc.constant(false), weight: 1 })
          : fc.constant(true)
        : fc.boolean();
      return fc.tuple(fc.constant(key), present, this.valueFor(property, mode, key, depth + 1));
    });
    const extra =
      mode === 'faulty'
        ? fc.oneof(
            { arbitrary: fc.constant([] as [string, unknown][]), weight: 10 },
            { arbitrary: fc.array(fc.tuple(wildKey, wrongValue), { minLength: 1, maxLength: 2 }), weight: 1 },
          )
        : fc.constant([] as [string, unknown][]);
    return fc
      .tuple(fc.tuple(...fields), extra)
      .map(([chosen, more]) =>
        plainObject([
          ...chosen.filter(([, present]) => present).map(([key, , value]) => [key, value] as [string, unknown]),
          ...more,
        ]),
      );
  }
}

// --- Requests --------------------------------------------------------------

/** Percent-encoding that also carries half surrogate pairs (as the three bytes a careless encoder writes). */
export function encodeComponent(text: string): string {
  let encoded = '';
  for (const character of text) {
    const unit = character.charCodeAt(0);
    if (character.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else {
      encoded += encodeURIComponent(character);
    }
  }
  return encoded;
}

/** Query-string and path pieces that are not well-formed percent-encoding at all. */
const RAW_PIECES = ['%', '%zz', '%ED%A0%80', '%C0%80', '%00', '%F0%9F', '%FF', '%2F', '..', '%252F', '+', '%20'];

function queryValue(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(queryValue);
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return [String(value)];
  return [JSON.stringify(value)];
}

const JSON_TYPE = 'application/json';
const BROKEN_BODIES = ['{', '{"a":}', '[1,2', 'nul', '\u0000', '"\\ud800"', '{"__proto__":{"x":1}}', '[', '{}}', ' '];
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/xml',
  'application/json; charset=utf-16',
];

function requestFor(
  operation: Operation,
  mode: Mode,
  roles: FuzzRole[],
  values: ValueMaker,
): fc.Arbitrary<FuzzRequest> {
  const faulty = mode === 'faulty';
  const role = ENDS_THE_SESSION.has(operation.key)
    ? fc.constant(roles.find((candidate) => Object.keys(candidate.cookies).length === 0) ?? (roles[0] as FuzzRole))
    : fc.oneof(...roles.map((candidate) => ({ arbitrary: fc.constant(candidate), weight: candidate.weight ?? 1 })));
  const segments = operation.pathParameters.map((parameter) => {
    // `/api/agenda-items/{id}`: an id of what the path names before it; `{personId}` says it itself.
    const placeholder = `{${parameter.name}}`;
    const before = operation.path.split('/').at(operation.path.split('/').indexOf(placeholder) - 1) ?? '';
    const name = parameter.name === 'id' || parameter.name === 'slug' ? before : parameter.name;
    const good = values.valueFor(parameter.schema, 'clean', name).map((v) => encodeComponent(String(v)));
    return faulty
      ? fc.oneof(
          { arbitrary: good, weight: 6 },
          { arbitrary: wildText.map(encodeComponent), weight: 1 },
          { arbitrary: fc.constantFrom(...RAW_PIECES), weight: 1 },
        )
      : good;
  });
  const query = operation.queryParameters.map((parameter) => {
    const value = values.valueFor(parameter.schema, mode, parameter.name);
    return fc.tuple(fc.constant(parameter.name), parameter.required ? value : fc.option(value, { nil: undefined }));
  });
  const extraPair = fc.oneof(
    fc
      .tuple(wildKey, wrongValue)
      .map(([k, v]) => `${encodeComponent(k)}=${queryValue(v).map(encodeComponent).join(',')}`),
    fc.constantFrom(...RAW_PIECES).map((piece) => `x=${piece}`),
    fc.constantFrom(...RAW_PIECES),
    fc.constantFrom('lang=%00', 'lang=es&lang=en', 'a[b]=c', '&&', '='),
  );
  const extraQuery = faulty
    ? fc.oneof(
        { arbitrary: fc.constant<string[]>([]), weight: 6 },
        { arbitrary: fc.array(extraPair, { minLength: 1, maxLength: 3 }), weight: 1 },
      )
    : fc.constant<string[]>([]);
  return fc
    .tuple(role, fc.tuple(...segments), fc.tuple(...query), extraQuery, bodyFor(operation, mode, values))
    .map(([chosenRole, chosenSegments, chosenQuery, chosenExtra, body]): FuzzRequest => {
      let index = 0;
      const path = operation.path.replace(/\{[^}]+\}/g, () => chosenSegments[index++] ?? '');
      const pairs = [
        ...chosenQuery.flatMap(([name, value]) =>
          queryValue(value).map((v) => `${encodeComponent(name)}=${encodeComponent(v)}`),
        ),
        ...chosenExtra,
      ];
      return {
        operation,
        mode,
        role: chosenRole,
        url: pairs.length > 0 ? `${path}?${pairs.join('&')}` : path,
        headers: body.type ? { 'content-type': body.type } : ({} as Record<string, string>),
        ...(body.payload === undefined ? {} : { payload: body.payload }),
      };
    });
}

function bodyFor(
  operation: Operation,
  mode: Mode,
  values: ValueMaker,
): fc.Arbitrary<{ type?: string; payload?: string }> {
  const broken = fc.constantFrom(...BROKEN_BODIES).map((payload) => ({ type: JSON_TYPE, payload }));
  const otherType = fc
    .tuple(fc.constantFrom(...OTHER_TYPES), fc.string({ unit: anyCodeUnit, maxLength: 40 }))
    .map(([type, payload]) => ({ type, payload }));
  const faulty = mode === 'faulty';
  const anyJson = wrongValue.map((value) => ({ type: JSON_TYPE, payload: JSON.stringify(value) ?? 'null' }));
  if (!operation.body) {
    return faulty ? fc.oneof({ arbitrary: fc.constant({}), weight: 6 }, anyJson, broken, otherType) : fc.constant({});
  }
  const json = values
    .valueFor(operation.body, mode, 'body')
    .map((value) => ({ type: JSON_TYPE, payload: JSON.stringify(value) ?? 'null' }));
  if (!faulty) return json;
  return fc.oneof(
    { arbitrary: json, weight: 16 },
    { arbitrary: fc.constant({}), weight: 1 },
    { arbitrary: broken, weight: 1 },
    { arbitrary: otherType, weight: 1 },
    { arbitrary: anyJson, weight: 1 },
  );
}

// --- Answers ---------------------------------------------------------------

interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/** What is wrong with the answer, or undefined when it keeps the contract. */
export function problemWith(path: string, answer: Answer): string | undefined {
  const status = answer.statusCode;
  if (status >= 500) return `a ${status}`;
  const type = String(answer.headers['content-type'] ?? '');
  if (status >= 400) {
    if (!type.startsWith(JSON_TYPE)) return `an error answered as ${type || 'no content type'}`;
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return 'an error that is not JSON';
    }
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const keys = body && typeof body === 'object' ? Object.keys(body) : [];
    if (typeof error?.code !== 'string' || typeof error.message !== 'string' || keys.length !== 1) {
      return 'an error not shaped { error: { code, message } }';
    }
    return undefined;
  }
  // JSON is promised for every /api answer with a body, unless the path names a format (.csv, .ics, .vcf…).
  const promisesJson = path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
  if (promisesJson && status >= 200 && status < 300 && status !== 204 && answer.body !== '') {
    if (!type.startsWith(JSON_TYPE)) return `a success answered as ${type || 'no content type'} where JSON is promised`;
    try {
      JSON.parse(answer.body);
    } catch {
      return 'a success that is not JSON where JSON is promised';
    }
  }
  return undefined;
}

function withinTime<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS / 1000} s`)), ANSWER_WITHIN_MS);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function shorten(text: string, length = 400): string {
  const shown = JSON.stringify(text);
  return shown.length > length ? `${shown.slice(0, length)}…` : shown;
}

/** Requests made at a time from one seed: small enough to stop close to the budget. */
const BATCH = 50;

export async function fuzz(app: App, document: OpenApiDocument, options: FuzzOptions): Promise<FuzzReport> {
  const operations = operationsOf(document);
  const values = new ValueMaker(options.known);
  // Writes twice as often as reads (they reach the database with the caller's values); three requests in five
  // are faulty.
  const request = fc.oneof(
    ...operations.map((operation) => ({
      arbitrary: fc.oneof(
        { arbitrary: requestFor(operation, 'clean', options.roles, values), weight: 1 },
        { arbitrary: requestFor(operation, 'faulty', options.roles, values), weight: 3 },
        { arbitrary: requestFor(operation, 'poisoned', options.roles, values), weight: 1 },
      ),
      weight: operation.method === 'GET' ? 1 : 2,
    })),
  );
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const byStatus: Record<number, number> = {};
  const failures: FuzzFailure[] = [];
  let index = 0;
  for (let batch = 0; index < options.requests && Date.now() < deadline; batch++) {
    // Each batch from its own seed derived from the run's, so a run of any length repeats the same requests.
    const requests = fc.sample(request, { seed: (options.seed + batch * 7919) | 0, numRuns: BATCH });
    for (const made of requests) {
      if (index >= options.requests || Date.now() >= deadline) break;
      const path = made.url.split('?')[0] ?? '';
      let answer: Answer;
      try {
        answer = await withinTime(
          app.inject({
            method: made.operation.method as 'GET',
            url: made.url,
            headers: made.headers,
            cookies: made.role.cookies,
            ...(made.payload === undefined ? {} : { payload: made.payload }),
          }),
        );
      } catch (error) {
        answer = { statusCode: 0, headers: {}, body: String(error) };
      }
      byStatus[answer.statusCode] = (byStatus[answer.statusCode] ?? 0) + 1;
      const problem = answer.statusCode === 0 ? `no answer: ${answer.body}` : problemWith(path, answer);
      if (problem) {
        failures.push({
          index,
          operation: made.operation.key,
          role: made.role.name,
          mode: made.mode,
          request: `${made.operation.method} ${made.url} ${made.headers['content-type'] ?? ''} ${shorten(made.payload ?? '')}`,
          status: answer.statusCode,
          answer: shorten(answer.body),
          problem,
        });
      }
      index++;
    }
  }
  return { seed: options.seed, requests: index, seconds: (Date.now() - started) / 1000, byStatus, failures };
}

/** One line per status, then the failures grouped by operation and problem. */
export function describeReport(kind: string, report: FuzzReport): string {
  const statuses = Object.entries(report.byStatus)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  const lines = [
    `fuzz on ${kind}: seed ${report.seed}, ${report.requests} requests in ${report.seconds.toFixed(1)} s — ${statuses}`,
  ];
  const groups = new Map<string, FuzzFailure[]>();
  for (const failure of report.failures) {
    const key = `${failure.operation}: ${failure.problem}`;
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  }
  for (const [key, failures] of groups) {
    const first = failures[0] as FuzzFailure;
    lines.push(
      `  ${key} (${failures.length}×), first as ${first.role} (${first.mode}) at request ${first.index}:`,
      `    ${first.request}`,
      `    -> ${first.status} ${first.answer}`,
    );
  }
  if (report.failures.length > 0) {
    lines.push(`  again with: FUZZ_SEED=${report.seed} npm run fuzz`);
  }
  return lines.join('\n');
}

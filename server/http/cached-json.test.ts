import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { acceptedEncodings } from '../cache/prepared-json.ts';

const PROGRAMME = '/api/events/fim-gdl-2024/sessions';
const PHONE = 'gzip, deflate, br, zstd';

describe('Accept-Encoding', () => {
  it('takes what the client accepts, and nothing it refuses with q=0', () => {
    expect(acceptedEncodings(PHONE)).toEqual({ br: true, gzip: true });
    expect(acceptedEncodings('gzip;q=1.0, br;q=0')).toEqual({ br: false, gzip: true });
    expect(acceptedEncodings('*')).toEqual({ br: true, gzip: true });
    expect(acceptedEncodings('*;q=0.5, gzip;q=0')).toEqual({ br: true, gzip: false });
    expect(acceptedEncodings('identity')).toEqual({ br: false, gzip: false });
  });
});

describe.each(databaseKinds())('cached reads on the wire on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, {}, { serveWeb: false });
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

  it('sends the programme compressed to a phone, the same JSON once inflated, with its own validator', async () => {
    const plain = await get(PROGRAMME);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    const json = plain.json();
    expect(json.items.length).toBeGreaterThan(10);

    const gzipped = await get(PROGRAMME, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzipped.rawPayload).toString('utf8'))).toEqual(json);
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(gzipped.headers.etag).not.toBe(plain.headers.etag);

    const brotli = await get(PROGRAMME, { 'accept-encoding': PHONE });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.rawPayload.length).toBeLessThan(gzipped.rawPayload.length);
    expect(JSON.parse(brotliDecompressSync(brotli.rawPayload).toString('utf8'))).toEqual(json);

    // Whichever form a phone holds, asking again with its validator costs a 304.
    for (const held of [plain, gzipped, brotli]) {
      const again = await get(PROGRAMME, { 'accept-encoding': PHONE, 'if-none-match': held.headers.etag as string });
      expect(again.statusCode).toBe(304);
      expect(again.headers.etag).toBe(held.headers.etag);
    }
  });

  it('sends small answers as they are', async () => {
    const small = await get('/api/organizations?q=imichle', { 'accept-encoding': PHONE });
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toBeUndefined();
  });
});

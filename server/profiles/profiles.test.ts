import { deflateSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';

/** A photo as a phone takes it: landscape, with the camera's EXIF and a GPS position. */
const phonePhoto = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 15' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '20/1 40/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '103/1 20/1 0/1' },
    })
    .toBuffer();

/** A PNG whose header claims 100 000 × 100 000 pixels: a few bytes that would decode to 40 GB. */
function pngBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(100_001 * 4))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe.each(databaseKinds())('profile photos and shares on %s', (kind) => {
  let t: TestApp;
  const person: Record<'ana' | 'beto' | 'caro', string> = { ana: '', beto: '', caro: '' };
  const cookie: Record<'ana' | 'beto' | 'caro' | 'admin' | 'manager', string> = {
    ana: '',
    beto: '',
    caro: '',
    admin: '',
    manager: '',
  };
  const as = (who: keyof typeof cookie) => ({ cookie: `encuentro_session=${cookie[who]}` });

  beforeAll(async () => {
    t = await startTestApp(kind, { loadDemo: false });
    const ctx = t.runtime.ctx;
    for (const name of ['ana', 'beto', 'caro'] as const) {
      const [row] = await rows<{ id: string }>(
        ctx.db,
        sql`insert into people (name, email, phone, website)
            values (${name}, ${`${name}@photos.test`}, ${`+52 33 ${name}`}, ${`https://${name}.example`}) returning id`,
      );
      person[name] = (row as { id: string }).id;
      cookie[name] = await signedInAs(ctx, {
        email: `${name}-account@photos.test`,
        role: 'delegate',
        personId: person[name],
      });
    }
    cookie.admin = await signedInAs(ctx, { email: 'admin@photos.test', role: 'admin' });
    const [org] = await rows<{ id: string }>(
      ctx.db,
      sql`insert into organizations (slug, kind, name) values ('other-association', 'association', 'Other') returning id`,
    );
    cookie.manager = await signedInAs(ctx, {
      email: 'manager@photos.test',
      role: 'manager',
      organizationId: (org as { id: string }).id,
    });
    const [event] = await rows<{ id: string }>(
      ctx.db,
      sql`insert into events (slug, name_en, city, time_zone, starts_on, ends_on)
          values ('photo-fest', 'Photo Fest', 'Guadalajara', 'America/Mexico_City', '2024-02-28', '2024-03-02') returning id`,
    );
    const [low, high] = [person.ana, person.beto].sort();
    await ctx.db.execute(
      sql`insert into connections (event_id, person_low, person_high, scanner_person_id, method, scanned_at, received_at)
          values (${(event as { id: string }).id}, ${low}, ${high}, ${person.ana}, 'badge_qr', now(), now())`,
    );
  });
  afterAll(() => t?.close());

  const upload = (who: keyof typeof cookie, id: string, body: Buffer, type = 'image/jpeg', language = 'en') =>
    t.app.inject({
      method: 'PUT',
      url: `/api/people/${id}/photo`,
      headers: { ...as(who), 'content-type': type, 'accept-language': language },
      payload: body,
    });

  it('keeps three sizes in WebP and JPEG, without the camera’s metadata, and shows them on the person', async () => {
    const answer = await upload('ana', person.ana, await phonePhoto());
    expect(answer.statusCode).toBe(200);
    const photo = answer.json().photo as { small: string; medium: string; large: string };
    expect(photo.small).toMatch(/^\/api\/photos\/[0-9a-f]{32}-96$/);

    const stored = await rows<{ size: number; format: string }>(
      t.runtime.ctx.db,
      sql`select size, format from person_photos where person_id = ${person.ana} order by size, format`,
    );
    expect(stored.map((r) => `${r.size}.${r.format}`)).toEqual([
      '96.jpg',
      '96.webp',
      '256.jpg',
      '256.webp',
      '512.jpg',
      '512.webp',
    ]);

    const webp = await t.app.inject({ url: photo.large, headers: { accept: 'image/avif,image/webp,*/*' } });
    expect(webp.headers['content-type']).toBe('image/webp');
    const jpeg = await t.app.inject({ url: `${photo.large}.jpg` });
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    for (const file of [webp.rawPayload, jpeg.rawPayload]) {
      const meta = await sharp(file).metadata();
      expect([meta.width, meta.height]).toEqual([512, 512]);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(file.includes(Buffer.from('PhoneMaker'))).toBe(false);
    }

    const page = await t.app.inject({ url: `/api/people/${person.ana}` });
    expect(page.json().photo).toEqual(photo);
    const list = await t.app.inject({ url: '/api/people' });
    expect(list.json().items.find((p: { id: string }) => p.id === person.ana).photo).toEqual(photo);
  });

  it('serves a photo as immutable with an ETag, and answers 304 to it', async () => {
    const photo = (await t.app.inject({ url: `/api/people/${person.ana}` })).json().photo;
    const first = await t.app.inject({ url: photo.small, headers: { accept: 'image/webp' } });
    expect(first.headers['cache-control']).toContain('immutable');
    const again = await t.app.inject({
      url: photo.small,
      headers: { accept: 'image/webp', 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect((await t.app.inject({ url: '/api/photos/0123456789abcdef0123456789abcdef-96' })).statusCode).toBe(404);
  });

  it('refuses what is not a photo, too large a file and a decompression bomb, clearly and in the reader’s language', async () => {
    const json = await t.app.inject({
      method: 'PUT',
      url: `/api/people/${person.caro}/photo`,
      headers: as('caro'),
      payload: { photo: 'no' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.message).toContain('JPEG');

    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const mislabelled = await upload('caro', person.caro, png, 'image/jpeg', 'es');
    expect(mislabelled.statusCode).toBe(415);
    expect(mislabelled.json().error.message).toContain('Envía la foto');
    expect((await upload('caro', person.caro, png, 'image/gif')).statusCode).toBe(415);

    const garbage = await upload('caro', person.caro, Buffer.from('not really a jpeg'), 'image/jpeg');
    expect(garbage.statusCode).toBe(400);

    const big = await upload('caro', person.caro, Buffer.alloc(9 * 1024 * 1024, 1), 'image/jpeg', 'es');
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'too_large' });
    expect(big.json().error.message).toContain('8 MB');

    const bomb = await upload('caro', person.caro, pngBomb(), 'image/png');
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().error.message).toContain('megapixels');
    expect((await t.app.inject({ url: `/api/people/${person.caro}` })).json().photo).toBeNull();
  });

  it('lets the person, an admin, and nobody else change a photo', async () => {
    const image = await phonePhoto();
    expect((await upload('beto', person.ana, image)).statusCode).toBe(403);
    expect((await upload('manager', person.ana, image)).statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'PUT',
      url: `/api/people/${person.ana}/photo`,
      headers: { 'content-type': 'image/jpeg' },
      payload: image,
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await upload('admin', person.caro, image)).statusCode).toBe(200);
    expect((await upload('admin', '00000000-0000-4000-8000-000000000000', image)).statusCode).toBe(404);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/people/${person.caro}/photo`,
      headers: as('caro'),
    });
    expect(removed.json()).toEqual({ photo: null });
    const [left] = await rows<{ n: number }>(
      t.runtime.ctx.db,
      sql`select count(*)::int as n from person_photos where person_id = ${person.caro}`,
    );
    expect(left?.n).toBe(0);
  });

  it('shares per direction what each chose, lifts it for that contact alone, and remembers the choice', async () => {
    const contactsOf = async (who: 'ana' | 'beto') =>
      (await t.app.inject({ url: '/api/me/contacts', headers: as(who) })).json().items as Record<string, unknown>[];
    expect((await contactsOf('beto'))[0]).toMatchObject({ id: person.ana, sharedByMe: null });
    expect((await contactsOf('beto'))[0]?.email).toBeUndefined();

    const share = (who: 'ana' | 'beto' | 'caro', other: string, body: object) =>
      t.app.inject({ method: 'PUT', url: `/api/me/contacts/${other}/share`, headers: as(who), payload: body });
    expect((await share('ana', person.beto, { email: true, phone: false, website: false })).statusCode).toBe(200);
    expect((await share('caro', person.ana, { email: true, phone: true, website: true })).statusCode).toBe(403);

    const betoSees = (await contactsOf('beto'))[0];
    expect(betoSees).toMatchObject({ email: 'ana@photos.test', sharedByMe: null });
    expect(betoSees?.phone).toBeUndefined();
    expect(betoSees?.photo).toMatchObject({ small: expect.stringMatching(/-96$/) });
    const anaSees = (await contactsOf('ana'))[0];
    expect(anaSees).toMatchObject({ sharedByMe: { email: true, phone: false, website: false } });
    expect(anaSees?.email).toBeUndefined();

    // The person page too, for Beto alone.
    expect((await t.app.inject({ url: `/api/people/${person.ana}`, headers: as('beto') })).json().contact).toEqual({
      email: 'ana@photos.test',
    });
    expect((await t.app.inject({ url: `/api/people/${person.ana}`, headers: as('caro') })).json().contact).toEqual({});

    const vcard = (await t.app.inject({ url: '/api/me/contacts.vcf', headers: as('beto') })).body;
    expect(vcard).toContain('EMAIL:ana@photos.test');
    expect(vcard).not.toContain('TEL');
    expect(vcard).not.toContain('ana.example');
    expect(vcard).toContain('PHOTO:data:image/jpeg;base64,');
    expect((await t.app.inject({ url: '/api/me/contacts.vcf', headers: as('ana') })).body).not.toContain('EMAIL');

    const sharing = (await t.app.inject({ url: '/api/me/sharing', headers: as('ana') })).json();
    expect(sharing).toEqual({
      default: { email: true, phone: false, website: false },
      mine: { email: 'ana@photos.test', phone: '+52 33 ana', website: 'https://ana.example' },
    });

    await share('ana', person.beto, { email: false, phone: false, website: false });
    expect((await contactsOf('beto'))[0]?.email).toBeUndefined();
  });
});

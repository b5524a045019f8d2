import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { type Queryable, rows } from '../db/client.ts';
import { upsertShare } from '../networking/queries.ts';
import { processPhoto } from '../profiles/images.ts';
import { replacePhoto } from '../profiles/queries.ts';

const COLOURS = ['#4b2277', '#b3400a', '#1456c8', '#2e7d32', '#8e244d', '#00695c', '#6d4c41', '#37474f'];

/** A square of colour with the person's initials, drawn here: the demo downloads nothing. */
function initialsAvatar(name: string, index: number): Promise<Buffer> {
  const initials = name
    .split(/\s+/)
    .filter((word) => /^\p{Lu}/u.test(word))
    .slice(0, 2)
    .map((word) => word[0])
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">
    <rect width="512" height="512" fill="${COLOURS[index % COLOURS.length]}"/>
    <text x="256" y="256" dy="0.35em" text-anchor="middle" font-family="sans-serif" font-size="200"
          font-weight="700" fill="#ffffff">${initials}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

/**
 * Photos for a handful of people (the speakers first, then fictional delegates), bios for the fictional
 * delegates who have a photo, and, among the first connections of the FIM GDL bingo, e-mails shared at the
 * moment of connecting (the scanner shares their e-mail; every other person met shares it back with their links).
 */
export async function insertDemoProfiles(tx: Queryable): Promise<void> {
  const chosen = await rows<{ id: string; name: string; fictional: boolean; bio_en: string | null }>(
    tx,
    sql`(select p.id, p.name, p.fictional, p.bio_en from people p
         where exists (select 1 from session_speakers s where s.person_id = p.id)
         order by p.name limit 6)
        union all
        (select p.id, p.name, p.fictional, p.bio_en from people p
         where p.fictional
           and exists (select 1 from connections c where c.scanner_person_id = p.id)
         order by p.name limit 6)`,
  );
  let index = 0;
  for (const person of chosen) {
    const { hash, variants } = await processPhoto(person.id, 'image/jpeg', await initialsAvatar(person.name, index));
    await replacePhoto(tx, person.id, hash, variants);
    if (person.fictional && !person.bio_en) {
      await tx.execute(
        sql`update people set
              bio_en = ${`${person.name} is a fictional delegate of the demo, here to meet the network at FIM GDL.`},
              bio_es = ${`${person.name} es un delegado ficticio de la demostración, que viene a conocer la red en FIM GDL.`}
            where id = ${person.id}`,
      );
    }
    index += 1;
  }

  const met = await rows<{ scanner: string; other: string }>(
    tx,
    sql`select c.scanner_person_id as scanner,
               case when c.person_low = c.scanner_person_id then c.person_high else c.person_low end as other
        from connections c join events e on e.id = c.event_id
        where e.slug = 'fim-gdl-2024'
        order by c.scanned_at limit 12`,
  );
  for (const [n, pair] of met.entries()) {
    const at = new Date('2024-03-02T23:00:00Z');
    await upsertShare(tx, pair.scanner, pair.other, { email: true, phone: false, website: false }, at);
    if (n % 2 === 0) await upsertShare(tx, pair.other, pair.scanner, { email: true, phone: false, website: true }, at);
  }
}

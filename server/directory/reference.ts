import { eq } from 'drizzle-orm';
import type { Country, Topic } from '../../shared/api/common.ts';
import type { ServiceContext } from '../context.ts';
import { countries, regions, topics } from './tables.ts';

export interface Reference {
  countries: Map<string, Country>;
  topics: Map<string, Topic>;
}

/** Countries, regions and topics: small, read by nearly every presenter, kept in memory. */
export function reference(ctx: ServiceContext): Promise<Reference> {
  return ctx.cache.get('reference', async () => {
    const countryRows = await ctx.db
      .select({
        code: countries.code,
        nameEn: countries.nameEn,
        nameEs: countries.nameEs,
        regionCode: regions.code,
        regionEn: regions.nameEn,
        regionEs: regions.nameEs,
      })
      .from(countries)
      .innerJoin(regions, eq(regions.code, countries.regionCode))
      .orderBy(countries.nameEn);
    const topicRows = await ctx.db.select().from(topics).orderBy(topics.nameEn);
    return {
      countries: new Map(
        countryRows.map((row) => [
          row.code,
          {
            code: row.code,
            name: { en: row.nameEn, es: row.nameEs },
            region: { code: row.regionCode, name: { en: row.regionEn, es: row.regionEs } },
          },
        ]),
      ),
      topics: new Map(topicRows.map((row) => [row.slug, { slug: row.slug, name: { en: row.nameEn, es: row.nameEs } }])),
    };
  });
}

export function countryOf(ref: Reference, code: string | null): Country | null {
  return code ? (ref.countries.get(code) ?? null) : null;
}

export function topicsOf(ref: Reference, slugs: readonly string[]): Topic[] {
  return slugs.map((slug) => ref.topics.get(slug) ?? { slug, name: { en: slug, es: slug } });
}

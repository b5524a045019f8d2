import { type SQL, sql } from 'drizzle-orm';
import { searchForm } from '../../shared/text.ts';
import { containsText, startsWithText } from '../db/like.ts';

/**
 * Typo-tolerant matching with pg_trgm, the same on PGlite and PostgreSQL.
 * Stored text and query are both in searchForm (lower case, no accents), so
 * "noemi planas" meets "Noemí Planas" and "imichle" still meets "IMICHILE"
 * through shared trigrams. A substring hit always matches; otherwise the best
 * matching stretch of the text must share enough trigrams with the query.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.4;

export interface TextSearch {
  where: SQL;
  score: SQL;
}

export function textSearch(column: SQL, query: string | undefined): TextSearch | null {
  const q = searchForm(query);
  if (!q) return null;
  return {
    where: sql`(${containsText(column, q)} or word_similarity(${q}, ${column}) >= ${WORD_SIMILARITY_THRESHOLD})`,
    // Word similarity ranks typos; a prefix or exact hit on the leading words ranks first.
    score: sql`(word_similarity(${q}, ${column}) + similarity(${q}, ${column}) * 0.5 + case when ${startsWithText(column, q)} then 0.5 else 0 end)`,
  };
}

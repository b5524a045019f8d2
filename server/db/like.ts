import { type SQL, sql } from 'drizzle-orm';

/**
 * The one way user text enters a LIKE pattern: every `%`, `_` and backslash
 * is escaped, and each pattern built here names the backslash as its escape
 * character, so the text is matched literally whatever the server's settings.
 * A person's own traces are never searched with a pattern at all (ids and
 * exact values, server/accounts/my-data.ts); this is for search boxes.
 */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `column` holds `text` anywhere in it, taken literally. */
export const containsText = (column: SQL, text: string): SQL =>
  sql`${column} like ${`%${escapeLike(text)}%`} escape '\\'`;

/** `column` begins with `text`, taken literally. */
export const startsWithText = (column: SQL, text: string): SQL =>
  sql`${column} like ${`${escapeLike(text)}%`} escape '\\'`;

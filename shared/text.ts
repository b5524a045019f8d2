/**
 * The form in which names are stored and compared for search: lower case,
 * accents stripped, punctuation as spaces. "Noemí" and "NOEMI" meet as "noemi".
 * The same function runs on the stored text and on the query, so both
 * databases rank alike without relying on the unaccent extension.
 */
export function searchForm(...texts: (string | null | undefined)[]): string {
  return texts
    .filter((text): text is string => Boolean(text))
    .join(' ')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, ' ')
    .trim();
}

/** Lower-case, hyphenated, accent-free slug: "AMI Paraguay" -> "ami-paraguay". */
export function slugify(text: string): string {
  return searchForm(text).replace(/ /g, '-');
}

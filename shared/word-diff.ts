/**
 * A word diff for the audit page: one changed sentence in a long article shows as that sentence, not the whole
 * article struck through. Longest common subsequence over words (whitespace kept with the word before it), after
 * setting aside the common beginning and end, so a long text with one change costs little.
 */
export type DiffPart = { kind: 'same' | 'removed' | 'added'; text: string };

/** Words with the spaces that follow them: "a b" → ["a ", "b"]. */
export function words(text: string): string[] {
  return text.match(/\s+|[^\s]+\s*/g) ?? [];
}

/** Rich text (sanitised HTML) as the words a reader sees. */
export function plainText(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/h[1-6]|\/blockquote)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Past this many cells of the LCS table the middle is shown as removed then added, whole. */
const MOST_CELLS = 2_000_000;

export function wordDiff(before: string, after: string): DiffPart[] {
  const a = words(before);
  const b = words(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push('same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MOST_CELLS) {
    push('removed', midA.join(''));
    push('added', midB.join(''));
  } else {
    // lengths[i][j]: the LCS of midA[i..] and midB[j..].
    const width = midB.length + 1;
    const lengths = new Uint32Array((midA.length + 1) * width);
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) {
        lengths[i * width + j] =
          midA[i] === midB[j]
            ? (lengths[(i + 1) * width + j + 1] as number) + 1
            : Math.max(lengths[(i + 1) * width + j] as number, lengths[i * width + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < midA.length && j < midB.length) {
      if (midA[i] === midB[j]) {
        push('same', midA[i] as string);
        i++;
        j++;
      } else if ((lengths[(i + 1) * width + j] as number) >= (lengths[i * width + j + 1] as number)) {
        push('removed', midA[i++] as string);
      } else {
        push('added', midB[j++] as string);
      }
    }
    push('removed', midA.slice(i).join(''));
    push('added', midB.slice(j).join(''));
  }
  push('same', a.slice(endA).join(''));
  return parts;
}

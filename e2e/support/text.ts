/** A pattern matching the text literally, for names that may contain `(`, `?` or `.`. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whitespace as a reader sees it: runs collapsed, ends trimmed. */
export function normalizeSpace(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

import sanitizeHtml from 'sanitize-html';

/**
 * Minutes are written in a rich-text box and read by other members, so what
 * is stored is cleaned first: a short list of text elements, links limited to
 * http(s) and mailto, and nothing that runs or loads (no scripts, styles,
 * images, frames or event attributes). Kept here rather than shared with the
 * news so each capability can tighten its own list.
 */
const MINUTES_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'h3', 'h4', 'blockquote', 'a'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Every outside link opens without handing the page over to the target.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
  },
};

/** Clean HTML, or null when nothing readable is left (an empty box stores as no text). */
export function sanitizeMinutes(html: string | null | undefined): string | null {
  if (html === null || html === undefined) return null;
  const clean = sanitizeHtml(html, { ...MINUTES_POLICY, allowedAttributes: { a: ['href', 'rel'] } }).trim();
  const readable = sanitizeHtml(clean, { allowedTags: [], allowedAttributes: {} }).trim();
  return readable ? clean : null;
}

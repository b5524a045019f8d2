import sanitizeHtml from 'sanitize-html';

/*
 * What an article body may contain, decided once for every editor (decision
 * 0014): structure and emphasis, nothing that runs, styles or loads.
 *
 *   p, h2, h3, h4, ul, ol, li, blockquote, strong, em, br — no attributes;
 *   a — href only, and only http(s):, mailto: or a path of this site ("/news/…"),
 *       always with rel="noopener noreferrer".
 *
 * h1 becomes h2 (the page's h1 is the title), b and i become strong and em.
 * No images: they would load from elsewhere as the page opens, and the news
 * has no place to keep pictures of its own yet. Anything else is unwrapped to
 * its text, except elements whose content is not text for a reader (script,
 * style, svg, math…), which go whole. The web app parses bodies again through
 * its own allow-list (web/news/rich-text.tsx): a second, independent layer.
 */

export const ALLOWED_ELEMENTS = ['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'strong', 'em', 'br', 'a'];
export const ALLOWED_ATTRIBUTES: Record<string, string[]> = { a: ['href', 'rel'] };
export const LINK_REL = 'noopener noreferrer';

/** What href may be, after the parser has decoded entities: nothing invisible, nothing a browser would re-read. */
const ABSOLUTE = /^(?:https?:\/\/[^\s\\/?#]|mailto:)[^\s\\]*$/i;
const SITE_PATH = /^\/(?![/\\])[^\s\\]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must not pass
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The link's address if it is safe to follow, else null. */
export function safeHref(href: string | undefined): string | null {
  if (href === undefined || CONTROL.test(href)) return null;
  if (SITE_PATH.test(href) || ABSOLUTE.test(href)) return href;
  return null;
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_ELEMENTS,
  allowedAttributes: ALLOWED_ATTRIBUTES,
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'template',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
    'title',
    'xmp',
    'noembed',
    'noframes',
    'plaintext',
  ],
  enforceHtmlBoundary: false,
  parseStyleAttributes: false,
  transformTags: {
    h1: 'h2',
    b: 'strong',
    i: 'em',
    a: (_name, given) => {
      const href = safeHref(given.href);
      const attribs: sanitizeHtml.Attributes = href ? { href, rel: LINK_REL } : {};
      return { tagName: 'a', attribs };
    },
  },
  // A link that cannot be followed safely is no link: its text stays. (Renaming it to a
  // disallowed element instead would trip the library, which then closes the next element wrongly.)
  exclusiveFilter: (frame) => (frame.tag === 'a' && !frame.attribs.href ? 'excludeTag' : false),
};

/** Passes after which the output has always been seen to be stable; the fuzz tests hold us to it. */
const MAX_PASSES = 6;

/**
 * An editor's HTML, made safe to store and show. Idempotent: sanitising the
 * result again gives the same text, so an article can be edited and saved
 * any number of times without drifting. One pass is safe but not always
 * stable: markup the parser had to repair (a paragraph inside a paragraph,
 * once a discarded element between them is gone) reads differently the second
 * time. So the passes repeat until the text stops changing.
 */
export function sanitizeArticleHtml(html: string): string {
  let current = sanitizeHtml(html, OPTIONS).trim();
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const next = sanitizeHtml(current, OPTIONS).trim();
    if (next === current) break;
    current = next;
  }
  return current;
}

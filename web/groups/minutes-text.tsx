import { createElement, type ReactNode } from 'react';

/*
 * Minutes arrive as HTML the server has already cleaned. They are still not
 * injected: the text is parsed inert (DOMParser runs no scripts and loads
 * nothing) and only a short list of elements is turned into React elements;
 * links keep http(s) and mailto addresses only.
 */
const KEPT = new Set(['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'h3', 'h4', 'blockquote', 'a']);

function toReact(node: Node, key: string): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const element = node as Element;
  const tag = element.tagName.toLowerCase();
  const children = [...element.childNodes].map((child, index) => toReact(child, `${key}.${index}`));
  if (!KEPT.has(tag)) return children;
  if (tag === 'br') return createElement('br', { key });
  if (tag === 'a') {
    const href = element.getAttribute('href') ?? '';
    if (!/^(https?:|mailto:)/i.test(href)) return children;
    return createElement('a', { key, href, rel: 'noopener noreferrer nofollow' }, ...children);
  }
  return createElement(tag, { key }, ...children);
}

export function MinutesText({ html, lang }: { html: string; lang?: string | undefined }) {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  return (
    <div className="prose minutes-text" lang={lang}>
      {[...body.childNodes].map((node, index) => toReact(node, String(index)))}
    </div>
  );
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** What the box holds, as sent: HTML as it is; plain text becomes paragraphs (blank lines) and line breaks. */
export function minutesHtml(typed: string): string | null {
  const text = typed.trim();
  if (!text) return null;
  if (/<[a-z][\s\S]*>/i.test(text)) return text;
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

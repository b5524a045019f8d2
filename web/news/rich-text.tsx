import { createElement, type ReactNode, useMemo } from 'react';
import { Link } from 'wouter';

/**
 * Article bodies are HTML that the server sanitised when it was written.
 * Rather than trust that with `dangerouslySetInnerHTML`, the browser parses it
 * into an inert document (DOMParser runs no script and loads nothing) and
 * only the elements below become React elements; anything else is unwrapped
 * to its text, and attributes other than a link's address never come across.
 * So a sanitiser bug on the server cannot turn into script in the page.
 */
const ELEMENTS: Record<string, string> = {
  p: 'p',
  h1: 'h2', // the page's h1 is the article title
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  blockquote: 'blockquote',
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  br: 'br',
};

/** Elements whose content is not text for the reader: dropped whole rather than unwrapped. */
const DROPPED = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'head',
]);

const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

function link(href: string, children: ReactNode[], key: number): ReactNode {
  // Our own pages ("/events/fim-gdl-2024") navigate inside the app.
  if (href.startsWith('/') && !href.startsWith('//')) {
    return (
      <Link key={key} href={href}>
        {children}
      </Link>
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(href);
  } catch {
    url = undefined;
  }
  if (!url || !EXTERNAL_SCHEMES.has(url.protocol)) return children;
  return (
    <a key={key} href={url.href} rel="noopener noreferrer">
      {children}
    </a>
  );
}

function convert(node: Node, key: number): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const element = node as Element;
  const name = element.localName;
  if (DROPPED.has(name)) return null;
  const children = Array.from(element.childNodes, convert);
  if (name === 'a') return link(element.getAttribute('href')?.trim() ?? '', children, key);
  const tag = ELEMENTS[name];
  if (!tag) return children;
  return createElement(tag, { key }, ...(tag === 'br' ? [] : children));
}

export function RichText({ html, className, lang }: { html: string; className?: string; lang?: string }) {
  const content = useMemo(() => {
    const document = new DOMParser().parseFromString(html, 'text/html');
    return Array.from(document.body.childNodes, convert);
  }, [html]);
  return (
    <div className={className} lang={lang}>
      {content}
    </div>
  );
}

function safeNode(node: Node, into: Document): Node | null {
  if (node.nodeType === Node.TEXT_NODE) return into.createTextNode(node.textContent ?? '');
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const element = node as Element;
  const name = element.localName;
  if (DROPPED.has(name)) return null;
  const children = Array.from(element.childNodes, (child) => safeNode(child, into)).filter(
    (child): child is Node => child !== null,
  );
  let made: Element | DocumentFragment;
  if (name === 'a') {
    const href = element.getAttribute('href')?.trim() ?? '';
    const internal = href.startsWith('/') && !href.startsWith('//');
    let external = false;
    try {
      external = EXTERNAL_SCHEMES.has(new URL(href).protocol);
    } catch {
      external = false;
    }
    if (internal || external) {
      made = into.createElement('a');
      made.setAttribute('href', href);
    } else {
      made = into.createDocumentFragment();
    }
  } else {
    const tag = ELEMENTS[name];
    made = tag ? into.createElement(tag) : into.createDocumentFragment();
  }
  if (!(made instanceof Element && made.localName === 'br')) made.append(...children);
  return made;
}

/**
 * The same allow-list, as DOM nodes of the live document: what the article
 * editor puts in its editable area. The HTML is parsed inert first, so
 * nothing in it runs on the way in.
 */
export function safeFragment(html: string, into: Document): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const fragment = into.createDocumentFragment();
  for (const child of Array.from(parsed.body.childNodes)) {
    const node = safeNode(child, into);
    if (node) fragment.append(node);
  }
  return fragment;
}

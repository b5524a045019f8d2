import { type ChildNode, type Element, isTag, isText } from 'domhandler';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS, LINK_REL, safeHref, sanitizeArticleHtml } from './sanitize.ts';

/** Every element of the sanitised HTML, read back by an HTML parser. */
function elementsOf(html: string): Element[] {
  const found: Element[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (isTag(node)) {
        found.push(node);
        walk(node.children);
      }
    }
  };
  walk(parseDocument(html).children);
  return found;
}

/** What the output must satisfy whatever came in. */
function expectSafe(input: string) {
  const output = sanitizeArticleHtml(input);
  for (const element of elementsOf(output)) {
    expect(ALLOWED_ELEMENTS, `element <${element.name}> from ${JSON.stringify(input)}`).toContain(element.name);
    const allowed = ALLOWED_ATTRIBUTES[element.name] ?? [];
    for (const [name, value] of Object.entries(element.attribs)) {
      expect(allowed, `attribute ${name} on <${element.name}> from ${JSON.stringify(input)}`).toContain(name);
      if (name === 'href') {
        expect(safeHref(value), `href ${JSON.stringify(value)} from ${JSON.stringify(input)}`).toBe(value);
        expect(value).toMatch(/^(https?:\/\/|mailto:|\/(?!\/))/i);
      }
    }
    if (element.name === 'a') expect(element.attribs.rel).toBe(LINK_REL);
  }
  // Whatever the parser makes of it, no text may spell out a tag (escaping is intact).
  expect(output).not.toMatch(/<(?!\/?(p|h2|h3|h4|ul|ol|li|blockquote|strong|em|br|a)[\s>/])/i);
  expect(sanitizeArticleHtml(output), `not a fixed point for ${JSON.stringify(input)}`).toBe(output);
  return output;
}

describe('the article sanitiser', () => {
  it('keeps what an article is made of', () => {
    const html =
      '<h2>Day 1: panels</h2><p>A <strong>bold</strong> and <em>calm</em> start, with <a href="https://win.example/x?a=1&amp;b=2">a link</a> and <a href="/events/fim-gdl-2024">an event</a>.</p><ul><li>one</li></ul><ol><li>two</li></ol><blockquote>quote</blockquote><h3>a</h3><h4>b</h4><p>line<br />break <a href="mailto:news@win.example">write</a></p>';
    expect(sanitizeArticleHtml(html)).toBe(
      '<h2>Day 1: panels</h2><p>A <strong>bold</strong> and <em>calm</em> start, with <a href="https://win.example/x?a=1&amp;b=2" rel="noopener noreferrer">a link</a> and <a href="/events/fim-gdl-2024" rel="noopener noreferrer">an event</a>.</p><ul><li>one</li></ul><ol><li>two</li></ol><blockquote>quote</blockquote><h3>a</h3><h4>b</h4><p>line<br />break <a href="mailto:news@win.example" rel="noopener noreferrer">write</a></p>',
    );
  });

  it('renames what has a house equivalent', () => {
    expect(sanitizeArticleHtml('<h1>T</h1><p><b>b</b><i>i</i></p>')).toBe(
      '<h2>T</h2><p><strong>b</strong><em>i</em></p>',
    );
  });

  it.each([
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<p onclick="alert(1)" style="color:red" class="x">ok</p>', '<p>ok</p>'],
    ['<a href="javascript:alert(1)">x</a>', 'x'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', 'x'],
    ['<a href=" javascript:alert(1)">x</a>', 'x'],
    ['<a href="java\tscript:alert(1)">x</a>', 'x'],
    ['<a href="java&#x09;script:alert(1)">x</a>', 'x'],
    ['<a href="&#106;avascript:alert(1)">x</a>', 'x'],
    ['<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>', 'x'],
    ['<a href="javascript&colon;alert(1)">x</a>', 'x'],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', 'x'],
    ['<a href="vbscript:msgbox(1)">x</a>', 'x'],
    ['<a href="//evil.example/">x</a>', 'x'],
    ['<a href="/\\evil.example/">x</a>', 'x'],
    ['<a href="https:evil.example">x</a>', 'x'],
    ['<img src="x" onerror="alert(1)"><p>after</p>', '<p>after</p>'],
    ['<svg><script>alert(1)</script><a href="/x">in svg</a></svg><p>ok</p>', '<p>ok</p>'],
    ['<math><mi xlink:href="javascript:alert(1)">m</mi></math>', ''],
    ['<iframe src="https://evil.example"></iframe>', ''],
    ['<style>p{}</style><p>t</p>', '<p>t</p>'],
    ['<scr<script>ipt>alert(1)</script>', 'ipt&gt;alert(1)'],
    ['<p>unclosed <strong>bold', '<p>unclosed <strong>bold</strong></p>'],
    ['<!-- <script>alert(1)</script> --><p>c</p>', '<p>c</p>'],
    [
      '<a href="https://ok.example" onmouseover="alert(1)" target="_blank">x</a>',
      '<a href="https://ok.example" rel="noopener noreferrer">x</a>',
    ],
    ['<p>1 &lt; 2 &amp; <code>x</code></p>', '<p>1 &lt; 2 &amp; x</p>'],
  ])('makes %s harmless', (input, expected) => {
    expect(expectSafe(input)).toBe(expected);
  });

  // --- Fuzzing: many generated inputs from a grammar of nasty HTML ---------

  const ELEMENT_NAMES = [
    ...ALLOWED_ELEMENTS,
    'h1',
    'b',
    'i',
    'script',
    'style',
    'img',
    'svg',
    'math',
    'iframe',
    'object',
    'embed',
    'form',
    'input',
    'button',
    'textarea',
    'template',
    'noscript',
    'title',
    'xmp',
    'base',
    'meta',
    'link',
    'div',
    'span',
    'table',
    'td',
    'video',
    'audio',
    'source',
    'foreignObject',
    'annotation-xml',
    'mglyph',
    'ScRiPt',
    'A',
    'P',
  ];
  const ATTRIBUTE_NAMES = [
    'href',
    'HREF',
    'src',
    'rel',
    'style',
    'class',
    'id',
    'onclick',
    'onerror',
    'ONLOAD',
    'onmouseover',
    'formaction',
    'action',
    'xlink:href',
    'srcdoc',
    'target',
    'data-x',
    'background',
    'poster',
  ];
  const SCHEMES = [
    'javascript:',
    'JaVaScRiPt:',
    ' javascript:',
    'java\tscript:',
    'java\nscript:',
    'java&#x09;script:',
    '&#106;avascript:',
    '&#x6A;avascript:',
    '&#0000106;avascript:',
    'javascript&colon;',
    'javascript&#58;',
    'jav&#x0A;ascript:',
    '\u0000javascript:',
    'data:',
    'DATA:',
    'd&#97;ta:',
    'data:text/html;base64,',
    'vbscript:',
    'VBScript:',
    'livescript:',
    'file:',
    'http://',
    'https://',
    'HTTPS://',
    'mailto:',
    '//',
    '/',
    '/\\',
    '\\\\',
    '',
    '#',
    '?',
  ];
  const PAYLOADS = [
    'alert(1)',
    'evil.example/x',
    'win.example',
    'a b',
    '"><script>alert(1)</script>',
    "'",
    '&amp;',
    '',
  ];

  const attributeValue = fc
    .tuple(fc.constantFrom(...SCHEMES), fc.constantFrom(...PAYLOADS))
    .map(([scheme, payload]) => scheme + payload);
  const quoted = (value: string) =>
    fc.constantFrom(`"${value}"`, `'${value}'`, value.replace(/[\s>]/g, ''), `"${value}`);
  const attribute = fc
    .tuple(fc.constantFrom(...ATTRIBUTE_NAMES), attributeValue)
    .chain(([name, value]) => quoted(value).map((text) => ` ${name}=${text}`));
  const text = fc.oneof(
    fc.constantFrom(
      'text',
      'Día 1: ',
      '<',
      '>',
      '&',
      '&lt;script&gt;',
      '&#60;script&#62;',
      '"',
      "'",
      ' ',
      '\n',
      '&amp;',
    ),
    fc.string({ maxLength: 12 }),
  );
  const node: fc.Memo<string> = fc.memo((depth) =>
    depth <= 1
      ? text
      : fc.oneof(
          { weight: 2, arbitrary: text },
          {
            weight: 5,
            arbitrary: fc
              .tuple(
                fc.constantFrom(...ELEMENT_NAMES),
                fc.array(attribute, { maxLength: 3 }),
                fc.array(node(depth - 1), { maxLength: 4 }),
                fc.constantFrom('close', 'unclosed', 'selfclose', 'misnested'),
              )
              .map(([name, attributes, children, closing]) => {
                const open = `<${name}${attributes.join('')}${closing === 'selfclose' ? ' /' : ''}>`;
                const inner = children.join('');
                if (closing === 'unclosed') return open + inner;
                if (closing === 'misnested') return `${open}${inner}</p></${name}`;
                return `${open}${inner}</${name}>`;
              }),
          },
          { weight: 1, arbitrary: node(depth - 1).map((inner) => `<!--${inner}-->`) },
          { weight: 1, arbitrary: node(depth - 1).map((inner) => `<![CDATA[${inner}]]>`) },
        ),
  );

  it('lets only allowed elements, attributes and addresses through, and is a fixed point, for any input', () => {
    fc.assert(
      fc.property(fc.array(node(5), { minLength: 1, maxLength: 4 }), (parts) => {
        expectSafe(parts.join(''));
      }),
      { numRuns: 3000 },
    );
  });

  it('stays safe over arbitrary strings too', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (input) => {
        expectSafe(input);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps text as text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (plain) => {
        const output = sanitizeArticleHtml(`<p>${plain.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</p>`);
        const [paragraph] = parseDocument(output).children;
        const textOf = (node: ChildNode | undefined): string =>
          !node ? '' : isText(node) ? node.data : isTag(node) ? node.children.map(textOf).join('') : '';
        expect(output.startsWith('<p>')).toBe(true);
        expect(textOf(paragraph)).toBe(plain);
      }),
      { numRuns: 500 },
    );
  });
});

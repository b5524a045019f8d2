import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { safeFragment } from './rich-text.tsx';

/*
 * A small rich-text editor: an editable area with a toolbar for what an
 * article body may hold (paragraphs, two heading levels, lists, bold, italic,
 * links). The browser's editing commands do the work; what they produce is
 * sent as HTML and sanitised by the server, whose result is what the editor
 * shows after each save. Keyboard: the usual Ctrl/⌘+B and Ctrl/⌘+I work in
 * the area, and the toolbar is a row of ordinary buttons.
 */

type Command =
  | { kind: 'exec'; command: 'bold' | 'italic' | 'insertUnorderedList' | 'insertOrderedList' | 'unlink' }
  | { kind: 'block'; tag: 'p' | 'h2' | 'h3' }
  | { kind: 'link' };

const TOOLS: { key: string; label: string; command: Command }[] = [
  { key: 'bold', label: 'news.editor.bold', command: { kind: 'exec', command: 'bold' } },
  { key: 'italic', label: 'news.editor.italic', command: { kind: 'exec', command: 'italic' } },
  { key: 'h2', label: 'news.editor.heading', command: { kind: 'block', tag: 'h2' } },
  { key: 'h3', label: 'news.editor.subheading', command: { kind: 'block', tag: 'h3' } },
  { key: 'p', label: 'news.editor.paragraph', command: { kind: 'block', tag: 'p' } },
  { key: 'ul', label: 'news.editor.bullets', command: { kind: 'exec', command: 'insertUnorderedList' } },
  { key: 'ol', label: 'news.editor.numbers', command: { kind: 'exec', command: 'insertOrderedList' } },
  { key: 'link', label: 'news.editor.link', command: { kind: 'link' } },
  { key: 'unlink', label: 'news.editor.unlink', command: { kind: 'exec', command: 'unlink' } },
];

const LINKABLE = /^(https?:\/\/\S+|mailto:\S+|\/(?!\/)\S*)$/i;

export function RichTextEditor({
  label,
  lang,
  initialHtml,
  onChange,
  error,
}: {
  label: string;
  lang: string;
  initialHtml: string;
  onChange(html: string): void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const id = useId();
  const area = useRef<HTMLDivElement>(null);

  // The content is set once, from the server's sanitised HTML, through the page's own allow-list.
  useEffect(() => {
    const content = safeFragment(initialHtml, document);
    // An empty area starts with a paragraph, so the first line typed is one.
    if (!content.hasChildNodes()) content.append(Object.assign(document.createElement('p'), { innerHTML: '<br>' }));
    area.current?.replaceChildren(content);
  }, [initialHtml]);

  function run(command: Command) {
    area.current?.focus();
    if (command.kind === 'exec') document.execCommand(command.command);
    else if (command.kind === 'block') document.execCommand('formatBlock', false, command.tag);
    else {
      const address = window.prompt(t('news.editor.linkPrompt'))?.trim();
      if (!address) return;
      if (!LINKABLE.test(address)) {
        window.alert(t('news.editor.linkRefused'));
        return;
      }
      document.execCommand('createLink', false, address);
    }
    onChange(area.current?.innerHTML ?? '');
  }

  return (
    <div className={`form-field rich-editor${error ? ' form-field--invalid' : ''}`}>
      <span className="rich-editor__label" id={`${id}-label`}>
        {label}
      </span>
      <div className="rich-editor__toolbar" role="toolbar" aria-label={t('news.editor.toolbar', { field: label })}>
        {TOOLS.map((tool) => (
          <button
            key={tool.key}
            type="button"
            className="rich-editor__tool"
            // Keeps the selection in the area: a click on the toolbar must not take the focus away first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => run(tool.command)}
            title={t(tool.label as Parameters<typeof t>[0])}
          >
            <span aria-hidden="true">{t(`${tool.label}.short` as Parameters<typeof t>[0])}</span>
            <span className="visually-hidden">{t(tool.label as Parameters<typeof t>[0])}</span>
          </button>
        ))}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a rich-text area has no native element; role textbox is its ARIA pattern */}
      <div
        ref={area}
        className="rich-editor__area"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        tabIndex={0}
        aria-multiline="true"
        aria-labelledby={`${id}-label`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        lang={lang}
        // Enter starts a paragraph, not a div (which the sanitiser would unwrap into the line before).
        onFocus={() => document.execCommand('defaultParagraphSeparator', false, 'p')}
        onInput={(event) => onChange(event.currentTarget.innerHTML)}
        onBlur={(event) => onChange(event.currentTarget.innerHTML)}
      />
      {error ? (
        <p className="form-field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

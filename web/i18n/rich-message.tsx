import { IntlMessageFormat } from 'intl-messageformat';
import { Fragment, type ReactNode } from 'react';
import { messageSource } from '../../shared/i18n/core.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { useI18n } from './i18n-context.tsx';

/**
 * A catalog message whose placeholders are React nodes (links, emphasis), so
 * a sentence like "Presented by {organizations}" keeps its word order in
 * every language while the names stay links.
 */
export function Message({ id, values }: { id: MessageKey; values: Record<string, ReactNode> }) {
  const { language } = useI18n();
  const source = messageSource(language, id) ?? id;
  const formatted = new IntlMessageFormat(source, language).format<ReactNode>(
    values as Record<string, string | ReactNode>,
  );
  const parts = Array.isArray(formatted) ? formatted : [formatted];
  return (
    <>
      {parts.map((part, index) => (
        // Parts of one message never reorder, so their position is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Fragment key={index}>{part}</Fragment>
      ))}
    </>
  );
}

/** Joins nodes the way the language joins words in a list: "A, B and C" / "A, B y C". */
export function JoinedList({ items }: { items: ReactNode[] }) {
  const { locale } = useI18n();
  const parts = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' }).formatToParts(
    items.map((_, index) => String(index)),
  );
  return (
    <>
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one list never reorder
        <Fragment key={index}>{part.type === 'element' ? items[Number(part.value)] : part.value}</Fragment>
      ))}
    </>
  );
}

import type { Localized } from '../../shared/domain.ts';
import { useI18n } from './i18n-context.tsx';

type Tag = 'span' | 'p' | 'div' | 'h1' | 'h2' | 'h3';

/**
 * Shows a two-language text in the reader's language. When only the other
 * language exists, the element carries that `lang` (so screen readers switch
 * voice) and a short notice says which language it is in.
 */
export function LocalizedText({
  text,
  as: Element = 'span',
  className,
  id,
}: {
  text: Localized | null | undefined;
  as?: Tag;
  className?: string;
  id?: string;
}) {
  const { localize, language, t } = useI18n();
  const value = localize(text);
  if (!value) return null;
  if (!value.isFallback) {
    return (
      <Element className={className} id={id}>
        {value.text}
      </Element>
    );
  }
  return (
    <Element className={className} id={id} lang={value.lang}>
      {value.text}{' '}
      <span className="fallback-note" lang={language}>
        {value.lang === 'en' ? t('text.onlyInEnglish') : t('text.onlyInSpanish')}
      </span>
    </Element>
  );
}

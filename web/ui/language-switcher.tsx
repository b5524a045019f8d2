import { LANGUAGES, type Language } from '../../shared/domain.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

/** Each language is named in itself, so a reader finds theirs whatever the page is in. */
const ENDONYMS: Record<Language, string> = { en: 'English', es: 'Español' };

export function LanguageSwitcher() {
  const { language, setLanguage, t } = useI18n();
  return (
    <fieldset className="language-switcher">
      <legend className="visually-hidden">{t('language.switcher')}</legend>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === language}
          onClick={() => setLanguage(option)}
        >
          {ENDONYMS[option]}
        </button>
      ))}
    </fieldset>
  );
}

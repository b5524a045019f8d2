import { type ChangeEvent, type FormEvent, useEffect, useId, useState } from 'react';
import { Link } from 'wouter';
import type { Topic } from '../../shared/api/common.ts';
import type { PersonDetail } from '../../shared/api/directory.ts';
import type { PersonRecord } from '../../shared/api/editing.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, type List, useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { Avatar } from './avatar.tsx';
import { uploadPhoto } from './photo-upload.ts';
import './profiles.css';

/** Languages offered as boxes to tick; any other one a person already has stays listed. */
const LANGUAGE_CHOICES = ['en', 'es', 'pt', 'fr', 'de', 'it', 'ca', 'ja', 'ko', 'zh'];

type Status = 'idle' | 'busy' | 'saved' | { problem: string };

/**
 * My photo, bio, topics and languages. The photo is cropped to its centred square by the server; the preview
 * shows exactly that square before it is sent (decision 0040).
 */
function PhotoPicker({ person, onChanged }: { person: PersonDetail; onChanged(): void }) {
  const { t, language } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('idle');
  const inputId = useId();
  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setStatus('idle');
    event.target.value = '';
  };
  const send = async () => {
    if (!file) return;
    setStatus('busy');
    try {
      await uploadPhoto(person.id, file, language);
      setFile(null);
      setPreview(null);
      setStatus('saved');
      onChanged();
    } catch (error) {
      setStatus({ problem: error instanceof Error ? error.message : String(error) });
    }
  };
  const remove = async () => {
    setStatus('busy');
    try {
      await apiWrite('DELETE', `/api/people/${person.id}/photo`, language);
      setStatus('idle');
      onChanged();
    } catch (error) {
      setStatus({ problem: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className="my-profile__panel" aria-labelledby="my-photo">
      <h2 id="my-photo">{t('profiles.photo.title')}</h2>
      <div className="photo-picker">
        {preview ? (
          <img className="avatar avatar--large" src={preview} alt={t('profiles.photo.preview')} />
        ) : (
          <Avatar photo={person.photo} name={person.name} size="large" alt={t('profiles.photo.current')} />
        )}
        <div>
          <p className="field__hint">{preview ? t('profiles.photo.previewHint') : t('profiles.photo.hint')}</p>
          <div className="photo-picker__actions">
            <input
              id={inputId}
              className="photo-picker__file"
              type="file"
              accept="image/jpeg,image/png,image/webp,image/avif,image/*"
              onChange={choose}
            />
            <label htmlFor={inputId} className={`button${preview ? ' button--quiet' : ''}`}>
              {person.photo || preview ? t('profiles.photo.change') : t('profiles.photo.choose')}
            </label>
            {preview ? (
              <>
                <button type="button" className="button" onClick={send} disabled={status === 'busy'}>
                  {t('profiles.photo.use')}
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => {
                    setFile(null);
                    setPreview(null);
                  }}
                >
                  {t('profiles.cancel')}
                </button>
              </>
            ) : person.photo ? (
              <button type="button" className="button button--quiet" onClick={remove} disabled={status === 'busy'}>
                {t('profiles.photo.remove')}
              </button>
            ) : null}
          </div>
          <p role="status" className={typeof status === 'object' ? 'field__error' : 'field__hint'}>
            {status === 'busy' ? t('profiles.photo.sending') : null}
            {status === 'saved' ? t('profiles.photo.saved') : null}
            {typeof status === 'object' ? status.problem : null}
          </p>
        </div>
      </div>
    </section>
  );
}

function AboutForm({ record, onSaved }: { record: PersonRecord; onSaved(): void }) {
  const { t, language, locale, text } = useI18n();
  const topics = useApi<List<Topic>>('/api/topics');
  const [bioEn, setBioEn] = useState(record.bio.en ?? '');
  const [bioEs, setBioEs] = useState(record.bio.es ?? '');
  const [languages, setLanguages] = useState(record.languages);
  const [chosenTopics, setChosenTopics] = useState(record.topics);
  const [status, setStatus] = useState<Status>('idle');
  const enId = useId();
  const esId = useId();
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('busy');
    try {
      await apiWrite('PATCH', `/api/people/${record.id}`, language, {
        version: record.version,
        bio: { en: bioEn.trim() || null, es: bioEs.trim() || null },
        languages,
        topics: chosenTopics,
      });
      setStatus('saved');
      onSaved();
    } catch (error) {
      setStatus({ problem: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <form className="my-profile__panel" onSubmit={save} aria-labelledby="my-about">
      <h2 id="my-about">{t('profiles.about.title')}</h2>
      <div className="field">
        <label htmlFor={enId}>{t('profiles.about.bioEn')}</label>
        <textarea id={enId} value={bioEn} maxLength={5000} onChange={(e) => setBioEn(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={esId}>{t('profiles.about.bioEs')}</label>
        <textarea id={esId} value={bioEs} maxLength={5000} onChange={(e) => setBioEs(e.target.value)} />
      </div>
      <fieldset className="field">
        <legend>{t('profiles.about.languages')}</legend>
        <div className="choice-list">
          {[...new Set([...LANGUAGE_CHOICES, ...languages])].map((code) => (
            <label key={code}>
              <input
                type="checkbox"
                checked={languages.includes(code)}
                onChange={() => setLanguages(toggle(languages, code))}
              />
              {names.of(code) ?? code}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>{t('profiles.about.topics')}</legend>
        <div className="choice-list">
          {(topics.data?.items ?? []).map((topic) => (
            <label key={topic.slug}>
              <input
                type="checkbox"
                checked={chosenTopics.includes(topic.slug)}
                onChange={() => setChosenTopics(toggle(chosenTopics, topic.slug))}
              />
              {text(topic.name)}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="actions">
        <button type="submit" className="button" disabled={status === 'busy'}>
          {t('profiles.about.save')}
        </button>
        <span role="status" className={typeof status === 'object' ? 'field__error' : 'field__hint'}>
          {status === 'saved' ? t('profiles.about.saved') : null}
          {typeof status === 'object' ? status.problem : null}
        </span>
      </p>
    </form>
  );
}

export function MyProfilePage() {
  const { t } = useI18n();
  usePageTitle(t('profiles.title'));
  const { me } = useMe();
  const id = me?.person?.id ?? null;
  const person = useApi<PersonDetail>(id ? `/api/people/${id}` : null);
  const record = useApi<PersonRecord>(id ? `/api/people/${id}/editable` : null);

  if (me === null) {
    return (
      <div className="my-profile">
        <header className="page-header">
          <h1>{t('profiles.title')}</h1>
        </header>
        <p className="notice">
          {t('profiles.signIn')} <Link href="/sign-in?next=/me/profile">{t('networking.signIn')}</Link>
        </p>
      </div>
    );
  }
  if (me && !me.person) {
    return (
      <div className="my-profile">
        <header className="page-header">
          <h1>{t('profiles.title')}</h1>
        </header>
        <p className="notice">{t('profiles.noPerson')}</p>
      </div>
    );
  }
  if (person.error) return <ErrorState error={person.error} onRetry={person.reload} asPage />;
  if (record.error) return <ErrorState error={record.error} onRetry={record.reload} asPage />;
  if (!person.data || !record.data) return <Loading />;
  return (
    <div className="my-profile">
      <header className="page-header">
        <h1>{t('profiles.title')}</h1>
        <p className="lead">{t('profiles.intro')}</p>
      </header>
      <PhotoPicker person={person.data} onChanged={person.reload} />
      <AboutForm key={record.data.version} record={record.data} onSaved={record.reload} />
      <p className="actions">
        <Link href={`/people/${person.data.id}`} className="button button--quiet">
          {t('profiles.seePublic')}
        </Link>
        <Link href={`/people/${person.data.id}/edit`} className="button button--quiet">
          {t('profiles.editContact')}
        </Link>
      </p>
    </div>
  );
}

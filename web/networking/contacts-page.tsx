import { type FormEvent, useId, useState } from 'react';
import { Link } from 'wouter';
import type { Contact, Sharing } from '../../shared/api/networking.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, type List, useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Avatar } from '../profiles/avatar.tsx';
import { ProfilePrompt } from '../profiles/profile-prompt.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import { ShareChoice } from './share-choice.tsx';
import './networking.css';

function NoteForm({ contact }: { contact: Contact }) {
  const { t, language } = useI18n();
  const [note, setNote] = useState(contact.note);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | { problem: string }>('idle');
  const id = useId();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setState('saving');
    try {
      await apiWrite('PUT', `/api/me/contacts/${contact.id}/note`, language, { note });
      setState('saved');
    } catch (error) {
      setState({ problem: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <form className="contact__note" onSubmit={save}>
      <label htmlFor={id}>{t('networking.contacts.note', { name: contact.name })}</label>
      <textarea
        id={id}
        value={note}
        rows={2}
        maxLength={2000}
        onChange={(e) => {
          setNote(e.target.value);
          setState('idle');
        }}
      />
      <div className="contact__note-actions">
        <button type="submit" className="button button--quiet" disabled={state === 'saving'}>
          {t('networking.contacts.saveNote')}
        </button>
        <span role="status" className="contact__note-state">
          {state === 'saved' ? t('networking.contacts.noteSaved') : null}
          {typeof state === 'object' ? state.problem : null}
        </span>
      </div>
    </form>
  );
}

export function ContactsPage() {
  const { t, text, language } = useI18n();
  usePageTitle(t('networking.contacts.title'));
  const { me } = useMe();
  const contacts = useApi<List<Contact>>(me ? '/api/me/contacts' : null);
  const sharing = useApi<Sharing>(me?.person ? '/api/me/sharing' : null);
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });

  if (me === null) {
    return (
      <div>
        <header className="page-header">
          <h1>{t('networking.contacts.title')}</h1>
        </header>
        <p className="notice">
          {t('networking.contacts.signIn')} <Link href="/sign-in?next=/contacts">{t('networking.signIn')}</Link>
        </p>
      </div>
    );
  }
  if (contacts.error) return <ErrorState error={contacts.error} onRetry={contacts.reload} asPage />;
  if (!contacts.data) return <Loading />;
  // Those I have not yet answered come first: they are waiting to know what I share.
  const items = [...contacts.data.items].sort((a, b) => Number(a.sharedByMe !== null) - Number(b.sharedByMe !== null));
  return (
    <div className="contacts">
      <header className="page-header">
        <h1>
          {t('networking.contacts.title')} <span className="count">({items.length})</span>
        </h1>
        <p className="lead">{t('networking.contacts.intro')}</p>
      </header>
      <ProfilePrompt />
      <p className="actions">
        <a className="button button--quiet" href="/api/me/contacts.vcf" download>
          {t('networking.contacts.exportVcard')}
        </a>
        <a className="button button--quiet" href={`/api/me/contacts.csv?lang=${language}`} download>
          {t('networking.contacts.exportCsv')}
        </a>
      </p>
      {items.length === 0 ? (
        <EmptyState>{t('networking.contacts.empty')}</EmptyState>
      ) : (
        <ul className="contact-list" aria-label={t('networking.contacts.title')}>
          {items.map((contact) => (
            <li key={contact.id} className="card contact">
              <div className="contact__head">
                <Avatar photo={contact.photo} name={contact.name} />
                <h2 className="card__title">
                  <Link href={`/people/${contact.id}`}>{contact.name}</Link>
                </h2>
              </div>
              {contact.organizations.length > 0 || contact.country ? (
                <p className="card__subtitle">
                  {[contact.organizations.map((o) => o.acronym ?? o.name).join(', '), contact.country?.name[language]]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              ) : null}
              <ul className="contact__fields">
                {contact.email ? (
                  <li>
                    <a href={`mailto:${contact.email}`}>{contact.email}</a>
                  </li>
                ) : null}
                {contact.phone ? (
                  <li>
                    <a href={`tel:${contact.phone}`}>{contact.phone}</a>
                  </li>
                ) : null}
                {contact.website ? (
                  <li>
                    <a href={contact.website} rel="noopener">
                      {contact.website}
                    </a>
                  </li>
                ) : null}
              </ul>
              <p className="card__meta">
                {contact.events
                  .map((e) =>
                    t('networking.contacts.metAt', {
                      event: text(e.name),
                      date: day.format(new Date(e.connectedAt)),
                    }),
                  )
                  .join(' · ')}
              </p>
              {sharing.data ? (
                <ShareChoice
                  contact={contact}
                  current={contact.sharedByMe}
                  sharing={sharing.data}
                  onSaved={() => sharing.reload()}
                />
              ) : null}
              <NoteForm contact={contact} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

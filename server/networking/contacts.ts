import { and, eq } from 'drizzle-orm';
import {
  EmailProperty,
  FNProperty,
  NoteProperty,
  OrgProperty,
  SpecialValueType,
  TelProperty,
  TextType,
  UIDProperty,
  URIType,
  URLProperty,
  VCARD,
} from 'vcard4';
import type { Contact } from '../../shared/api/networking.ts';
import type { Language } from '../../shared/domain.ts';
import { translate } from '../../shared/i18n/index.ts';
import { requireSignedIn } from '../accounts/policy.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { toCsv } from '../http/csv.ts';
import type { Viewer } from '../http/viewer.ts';
import { contactCards } from './presenter.ts';
import { areConnected, selectConnectionsOf, selectNotes } from './queries.ts';
import { contactNotes } from './tables.ts';

function personOf(viewer: Viewer | null): string {
  const signedIn = requireSignedIn(viewer);
  if (!signedIn.personId) throw new AppError('forbidden', 'networking.error.no_person');
  return signedIn.personId;
}

/** Everyone I connected with (whoever scanned whom), with what each lets a connection see and my notes. */
export async function listContacts(ctx: ServiceContext, viewer: Viewer | null, eventSlug?: string): Promise<Contact[]> {
  // An account that is no person in the directory has met nobody: its list is empty, not refused.
  const me = requireSignedIn(viewer).personId;
  if (!me) return [];
  const found = await selectConnectionsOf(ctx.db, me, eventSlug);
  const others = [...new Set(found.map((row) => row.other))];
  const [cards, notes] = await Promise.all([contactCards(ctx, ctx.db, others), selectNotes(ctx.db, me)]);
  const noteOf = new Map(notes.map((n) => [n.contactPersonId, n.note]));
  const contacts: Contact[] = [];
  for (const other of others) {
    const card = cards.get(other);
    if (!card) continue;
    contacts.push({
      ...card,
      note: noteOf.get(other) ?? '',
      events: found
        .filter((row) => row.other === other)
        .map((row) => ({
          slug: row.event_slug,
          name: { en: row.event_name_en, es: row.event_name_es },
          connectedAt: new Date(row.scanned_at).toISOString(),
          scannedByMe: row.scanned_by_me,
        })),
    });
  }
  return contacts;
}

/** A private note about a contact: only about people I am connected with; an empty note removes it. */
export async function saveNote(ctx: ServiceContext, viewer: Viewer | null, contactId: string, note: string) {
  const me = personOf(viewer);
  if (!(await areConnected(ctx.db, me, contactId))) {
    throw new AppError('forbidden', 'networking.error.not_a_contact', { id: contactId });
  }
  const text = note.trim();
  if (text === '') {
    await ctx.db
      .delete(contactNotes)
      .where(and(eq(contactNotes.ownerPersonId, me), eq(contactNotes.contactPersonId, contactId)));
  } else {
    await ctx.db
      .insert(contactNotes)
      .values({ ownerPersonId: me, contactPersonId: contactId, note: text, updatedAt: ctx.clock.now() })
      .onConflictDoUpdate({
        target: [contactNotes.ownerPersonId, contactNotes.contactPersonId],
        set: { note: text, updatedAt: ctx.clock.now() },
      });
  }
  return { contactId, note: text };
}

/** vCard 4 (RFC 6350), one card per contact, with my note as NOTE. */
export function contactsVcard(contacts: Contact[]): string {
  return contacts
    .map((contact) => {
      const properties = [
        new FNProperty([], new TextType(contact.name)),
        new UIDProperty([], new URIType(`urn:uuid:${contact.id}`)),
        ...(contact.organizations.length > 0
          ? [
              new OrgProperty(
                [],
                new SpecialValueType('OrgProperty', [new TextType(contact.organizations[0]?.name ?? '')]),
              ),
            ]
          : []),
        ...(contact.email ? [new EmailProperty([], new TextType(contact.email))] : []),
        ...(contact.phone ? [new TelProperty([], new TextType(contact.phone))] : []),
        ...(contact.website && URL.canParse(contact.website)
          ? [new URLProperty([], new URIType(contact.website))]
          : []),
        ...(contact.note ? [new NoteProperty([], new TextType(contact.note))] : []),
      ];
      return new VCARD(properties).repr();
    })
    .join('\r\n');
}

/** CSV with a header row in the reader's language. */
export function contactsCsv(contacts: Contact[], language: Language): string {
  const column = (name: string) => translate(language, `networking.csv.${name}` as 'networking.csv.name');
  return toCsv(
    contacts.map((c) => [
      c.name,
      c.organizations.map((o) => o.name).join('; '),
      c.country ? c.country.name[language] : '',
      c.email ?? '',
      c.phone ?? '',
      c.website ?? '',
      c.events.map((e) => e.slug).join('; '),
      c.events[0]?.connectedAt ?? '',
      c.note,
    ]),
    {
      header: true,
      columns: ['name', 'organizations', 'country', 'email', 'phone', 'website', 'events', 'connectedAt', 'note'].map(
        column,
      ),
      bom: true,
    },
  );
}

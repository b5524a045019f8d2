import { and, eq } from 'drizzle-orm';
import {
  EmailProperty,
  FNProperty,
  NoteProperty,
  OrgProperty,
  PhotoProperty,
  SpecialValueType,
  TelProperty,
  TextType,
  UIDProperty,
  URIType,
  URLProperty,
  VCARD,
} from 'vcard4';
import type { Contact, Share, Sharing } from '../../shared/api/networking.ts';
import type { Language } from '../../shared/domain.ts';
import { translate } from '../../shared/i18n/index.ts';
import { requireSignedIn } from '../accounts/policy.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { toCsv } from '../http/csv.ts';
import type { Viewer } from '../http/viewer.ts';
import { contactCards } from './presenter.ts';
import {
  areConnected,
  selectConnectionsOf,
  selectMyContactFields,
  selectMySharesWith,
  selectNotes,
  selectShareDefault,
  selectSmallJpegs,
  upsertShare,
} from './queries.ts';
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
  const [cards, notes, shares] = await Promise.all([
    contactCards(ctx, ctx.db, others, me),
    selectNotes(ctx.db, me),
    selectMySharesWith(ctx.db, me),
  ]);
  const noteOf = new Map(notes.map((n) => [n.contactPersonId, n.note]));
  const shareOf = new Map(
    shares.map((s) => [s.contactPersonId, { email: s.email, phone: s.phone, website: s.website }]),
  );
  const contacts: Contact[] = [];
  for (const other of others) {
    const card = cards.get(other);
    if (!card) continue;
    contacts.push({
      ...card,
      sharedByMe: shareOf.get(other) ?? null,
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

/** What I can share with my contacts and the choice I made last, offered again at my next connection. */
export async function mySharing(ctx: ServiceContext, viewer: Viewer | null): Promise<Sharing> {
  const me = personOf(viewer);
  const [chosen, [mine]] = await Promise.all([selectShareDefault(ctx.db, me), selectMyContactFields(ctx.db, me)]);
  return {
    default: chosen ?? { email: false, phone: false, website: false },
    mine: { email: mine?.email ?? null, phone: mine?.phone ?? null, website: mine?.website ?? null },
  };
}

/**
 * What I give one contact of mine (per direction: they choose for themselves). It lifts the visibility of
 * those fields for that person alone, and becomes my choice offered at the next connection; all false revokes.
 */
export async function shareWith(ctx: ServiceContext, viewer: Viewer | null, contactId: string, share: Share) {
  const me = personOf(viewer);
  if (!(await areConnected(ctx.db, me, contactId))) {
    throw new AppError('forbidden', 'networking.error.not_a_contact', { id: contactId });
  }
  await upsertShare(ctx.db, me, contactId, share, ctx.clock.now());
  // The person page of me, read by this contact, bypasses the read cache; nothing cached changes.
  return { contactId, share };
}

/** The small JPEG of each contact's photo, by id, for the vCard. */
export const contactPhotos = (ctx: ServiceContext, contacts: Contact[]) =>
  selectSmallJpegs(
    ctx.db,
    contacts.filter((c) => c.photo !== null).map((c) => c.id),
  );

/**
 * vCard 4 (RFC 6350), one card per contact, with my note as NOTE and their photo embedded as a small JPEG
 * (a data: URI): an address book keeps it without ever asking this server.
 */
export function contactsVcard(contacts: Contact[], photos: Map<string, Buffer> = new Map()): string {
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
        ...photoProperty(photos.get(contact.id)),
      ];
      return new VCARD(properties).repr();
    })
    .join('\r\n');
}

function photoProperty(jpeg: Buffer | undefined): PhotoProperty[] {
  return jpeg ? [new PhotoProperty([], new URIType(`data:image/jpeg;base64,${jpeg.toString('base64')}`))] : [];
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

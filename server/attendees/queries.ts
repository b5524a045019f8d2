import { and, eq, inArray, sql } from 'drizzle-orm';
import type { InvitationMailState, OrganizationKind } from '../../shared/domain.ts';
import { users } from '../accounts/tables.ts';
import { type Queryable, rows } from '../db/client.ts';
import { delegationMembers, delegations } from '../delegations/tables.ts';
import { affiliations, countries, organizations, people } from '../directory/tables.ts';

export interface OrganizationRow {
  id: string;
  slug: string;
  kind: OrganizationKind;
  name: string;
  acronym: string | null;
}

/** Every organisation: a few hundred at most, matched in memory by slug, name or acronym. */
export function selectOrganizations(db: Queryable): Promise<OrganizationRow[]> {
  return db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      kind: organizations.kind,
      name: organizations.name,
      acronym: organizations.acronym,
    })
    .from(organizations);
}

export function selectCountries(db: Queryable) {
  return db.select({ code: countries.code, nameEn: countries.nameEn, nameEs: countries.nameEs }).from(countries);
}

export interface DirectoryPerson {
  id: string;
  name: string;
  email: string | null;
  countryCode: string | null;
  languages: string[];
  searchText: string;
}

const personColumns = {
  id: people.id,
  name: people.name,
  email: people.email,
  countryCode: people.countryCode,
  languages: people.languages,
  searchText: people.searchText,
};

/** People whose e-mail is one of these (compared in lower case, as the unique index does). */
export function peopleByEmail(db: Queryable, lowerEmails: string[]): Promise<DirectoryPerson[]> {
  if (lowerEmails.length === 0) return Promise.resolve([]);
  return db
    .select(personColumns)
    .from(people)
    .where(inArray(sql`lower(${people.email})`, lowerEmails));
}

/** People whose stored search form of the name is exactly one of these (no pattern: equality only). */
export function peopleByNameForm(db: Queryable, forms: string[]): Promise<DirectoryPerson[]> {
  if (forms.length === 0) return Promise.resolve([]);
  return db.select(personColumns).from(people).where(inArray(people.searchText, forms));
}

export interface AttendanceRow {
  id: string;
  personId: string;
  delegationId: string | null;
  isStaff: boolean;
  isPartner: boolean;
  isSpeaker: boolean;
}

export function attendancesOfEvent(db: Queryable, eventId: string): Promise<AttendanceRow[]> {
  return rows<AttendanceRow>(
    db,
    sql`select id, person_id as "personId", delegation_id as "delegationId", is_staff as "isStaff",
          is_partner as "isPartner", is_speaker as "isSpeaker"
        from attendances where event_id = ${eventId}`,
  );
}

export async function badgeCodesOfEvent(db: Queryable, eventId: string): Promise<Set<string>> {
  const found = await rows<{ code: string }>(
    db,
    sql`select badge_code as code from attendances where event_id = ${eventId}`,
  );
  return new Set(found.map((row) => row.code));
}

export function delegationsOfEvent(db: Queryable, eventId: string) {
  return db
    .select({ id: delegations.id, organizationId: delegations.organizationId })
    .from(delegations)
    .where(eq(delegations.eventId, eventId));
}

export function affiliationsOf(db: Queryable, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .select({ personId: affiliations.personId, organizationId: affiliations.organizationId })
    .from(affiliations)
    .where(inArray(affiliations.personId, personIds));
}

/** Put each person in one delegation of the event: out of any other of its delegations, into this one. */
export async function moveIntoDelegations(
  tx: Queryable,
  eventId: string,
  placements: { personId: string; delegationId: string }[],
): Promise<void> {
  if (placements.length === 0) return;
  const personIds = placements.map((p) => p.personId);
  const eventDelegations = tx.select({ id: delegations.id }).from(delegations).where(eq(delegations.eventId, eventId));
  const current = await tx
    .select({ personId: delegationMembers.personId, delegationId: delegationMembers.delegationId })
    .from(delegationMembers)
    .where(
      and(inArray(delegationMembers.personId, personIds), inArray(delegationMembers.delegationId, eventDelegations)),
    );
  const wanted = new Map(placements.map((p) => [p.personId, p.delegationId]));
  for (const member of current) {
    if (wanted.get(member.personId) === member.delegationId) continue;
    await tx
      .delete(delegationMembers)
      .where(
        and(eq(delegationMembers.personId, member.personId), eq(delegationMembers.delegationId, member.delegationId)),
      );
  }
  await tx.insert(delegationMembers).values(placements).onConflictDoNothing();
}

export interface AttendeeListRow {
  person_id: string;
  name: string;
  email: string | null;
  country_code: string | null;
  is_staff: boolean;
  is_partner: boolean;
  is_speaker: boolean;
  invited_at: Date | string | null;
  invitation_mail: InvitationMailState | null;
  last_sign_in_at: Date | string | null;
  org_slug: string | null;
  org_kind: OrganizationKind | null;
  org_name: string | null;
  org_acronym: string | null;
  del_slug: string | null;
  del_kind: OrganizationKind | null;
  del_name: string | null;
  del_acronym: string | null;
}

/** The attendees of an event by name, each with their first organisation, delegation and account. */
export function selectAttendees(db: Queryable, eventId: string, personId?: string): Promise<AttendeeListRow[]> {
  return rows<AttendeeListRow>(
    db,
    sql`select a.person_id, p.name, p.email, coalesce(a.country_code, p.country_code) as country_code,
          a.is_staff, a.is_partner, a.is_speaker, u.last_sign_in_at,
          -- Invited: the newest invitation mailed (server/accounts/invitations.ts), or the date an import kept.
          greatest(a.invited_at, (select max(l.created_at) from sign_in_links l
                                  where l.user_id = u.id and l.purpose = 'invitation')) as invited_at,
          -- The newest invitation mail to the account's address, as the outbox (server/outbox) has it.
          (select case when m.sent_at is not null then 'sent' when m.failed_at is not null then 'failed' else 'waiting' end
             from outbox m where m.kind = 'invitation' and lower(m.recipient) = lower(u.email)
             order by m.created_at desc limit 1) as invitation_mail,
          o.slug as org_slug, o.kind as org_kind, o.name as org_name, o.acronym as org_acronym,
          d_o.slug as del_slug, d_o.kind as del_kind, d_o.name as del_name, d_o.acronym as del_acronym
        from attendances a
        join people p on p.id = a.person_id
        left join users u on u.person_id = a.person_id
        left join lateral (select org.slug, org.kind, org.name, org.acronym from affiliations af
                           join organizations org on org.id = af.organization_id
                           where af.person_id = a.person_id order by af.position, af.id limit 1) o on true
        left join delegations d on d.id = a.delegation_id
        left join organizations d_o on d_o.id = d.organization_id
        where a.event_id = ${eventId} ${personId ? sql`and a.person_id = ${personId}` : sql``}
        order by p.search_text, p.id`,
  );
}

/** The person with their account, if any, for the roles section of their page. */
export async function personWithAccount(db: Queryable, personId: string, lock = false) {
  const [person] = await db
    .select({ id: people.id, name: people.name, email: people.email })
    .from(people)
    .where(eq(people.id, personId));
  if (!person) return undefined;
  const query = db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      organizationId: users.organizationId,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .where(eq(users.personId, personId));
  const [account] = lock ? await query.for('update') : await query;
  return { person, account };
}

export async function adminCount(db: Queryable): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from users where role = 'admin'`);
  return row?.n ?? 0;
}

import { sql } from 'drizzle-orm';
import { customType, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ACCOUNT_ROLES, AFFILIATION_REQUEST_STATUSES } from '../../shared/domain.ts';
import { organizations, people } from '../directory/tables.ts';

export const accountRole = pgEnum('account_role', ACCOUNT_ROLES);
export const affiliationRequestStatus = pgEnum('affiliation_request_status', AFFILIATION_REQUEST_STATUSES);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** A login, bound to a person of the directory. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    role: accountRole('role').notNull().default('delegate'),
    /** The organisation a manager or partner contact acts for. */
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`), uniqueIndex('users_person_key').on(t.personId)],
);

/** A signed-in browser. Only the SHA-256 of the cookie's token is stored. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    userAgent: text('user_agent'),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
);

/**
 * A sign-in link sent by e-mail: single use, short-lived, and bound to the
 * browser that asked for it (the hash of a nonce kept in that browser's cookie).
 * Its mail also carries a six-digit code (stored hashed) that signs in the
 * same browser, for when the link opens elsewhere. An invitation is a link of
 * the purpose `invitation`: valid for days and bound to the invited address,
 * so it signs in whichever browser opens it first.
 */
export const signInLinks = pgTable(
  'sign_in_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    bindingHash: text('binding_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    purpose: text('purpose', { enum: ['sign_in', 'invitation'] })
      .notNull()
      .default('sign_in'),
    codeHash: text('code_hash'),
    codeAttempts: integer('code_attempts').notNull().default(0),
    /** A resent or withdrawn invitation, or a code tried too often: the link no longer signs anyone in. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Where an invitation lands once signed in (a path of the app). */
    nextPath: text('next_path'),
  },
  (t) => [index('sign_in_links_user_idx').on(t.userId)],
);

/** WebAuthn credentials (passkeys) registered to an account. */
export const passkeys = pgTable(
  'passkeys',
  {
    credentialId: text('credential_id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    publicKey: bytea('public_key').notNull(),
    counter: integer('counter').notNull().default(0),
    transports: text('transports').array().notNull().default(sql`'{}'::text[]`),
    name: text('name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('passkeys_user_idx').on(t.userId)],
);

/**
 * A WebAuthn challenge waiting for its answer: single use (deleted when
 * answered), short-lived, and bound to the browser that asked for it (the hash
 * of a nonce kept in that browser's cookie). A registration challenge also
 * names the account it was issued to.
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    bindingHash: text('binding_hash').primaryKey(),
    purpose: text('purpose', { enum: ['registration', 'authentication'] }).notNull(),
    challenge: text('challenge').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('webauthn_challenges_expires_at_idx').on(t.expiresAt)],
);

/** One row per attempt, counted over a sliding window; shared by every instance. */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bucket: text('bucket').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_hits_bucket_at_idx').on(t.bucket, t.at)],
);

/**
 * A manager asking someone who belongs elsewhere, or has an account of their
 * own, to join their organisation. The affiliation exists only once the
 * person accepts from their account (or an admin does, for someone without
 * one); at most one request waits per person and organisation.
 */
export const affiliationRequests = pgTable(
  'affiliation_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    roleEn: text('role_en'),
    roleEs: text('role_es'),
    status: affiliationRequestStatus('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('affiliation_requests_pending_key')
      .on(t.personId, t.organizationId)
      .where(sql`${t.status} = 'pending'`),
    index('affiliation_requests_person_idx').on(t.personId),
  ],
);

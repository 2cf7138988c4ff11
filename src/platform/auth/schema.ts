import { sql } from 'drizzle-orm';
import {
  char,
  foreignKey,
  index,
  integer,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appRole, companyIsolation, currentCompanyId, currentUserId } from '../db/columns.ts';
import { rbacRoles } from '../rbac/schema.ts';

// A company is the tenant: it owns every business row.
export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    currencyCode: char('currency_code', { length: 3 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  () => [
    // A member may see the companies they belong to (to switch between them), nothing else.
    pgPolicy('company_visible_to_members', {
      for: 'select',
      to: appRole,
      using: sql`id = ${currentCompanyId} or exists (select 1 from company_members m where m.company_id = companies.id and m.user_id = ${currentUserId})`,
    }),
  ],
).enableRLS();

// People who sign in. Global, since one person can belong to several companies.
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    // Inside a company, a user sees themself and the members of that company. Sign-in looks
    // users up by email in a system transaction, before any company is chosen.
    pgPolicy('user_visible_to_self_and_colleagues', {
      for: 'select',
      to: appRole,
      using: sql`id = ${currentUserId} or exists (select 1 from company_members m where m.user_id = users.id and m.company_id = ${currentCompanyId})`,
    }),
  ],
).enableRLS();

export const companyMembers = pgTable(
  'company_members',
  {
    companyId: uuid('company_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.userId] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }),
    // The role is one of the company's roles, by its key.
    foreignKey({
      name: 'company_members_role_fk',
      columns: [t.companyId, t.role],
      foreignColumns: [rbacRoles.companyId, rbacRoles.key],
    }),
    index('company_members_user_idx').on(t.userId),
    pgPolicy('member_rows', {
      for: 'all',
      to: appRole,
      using: sql`company_id = ${currentCompanyId} or user_id = ${currentUserId}`,
      withCheck: sql`company_id = ${currentCompanyId}`,
    }),
  ],
).enableRLS();

// Bearer sessions. The token is shown once; only its SHA-256 is stored.
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    // When this session passed a second factor; null for a password-only session.
    mfaAt: timestamp('mfa_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('auth_sessions_token_hash_unique').on(t.tokenHash),
    index('auth_sessions_user_idx').on(t.userId),
    pgPolicy('own_sessions', { for: 'all', to: appRole, using: sql`user_id = ${currentUserId}` }),
  ],
).enableRLS();

// API keys for integrations: shown once, stored as SHA-256. A key acts for its company with at
// most the permissions it lists, and never beyond those of the member who made it.
export const authApiKeys = pgTable(
  'auth_api_keys',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    // The first characters of the token, so people can tell their keys apart.
    tokenPrefix: text('token_prefix').notNull(),
    permissions: text('permissions').array().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, precision: 3 }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }),
    // Global on purpose: a request names no company before its key is found.
    uniqueIndex('auth_api_keys_token_hash_unique').on(t.tokenHash),
    companyIsolation(),
  ],
).enableRLS();

// Failed sign-ins per email address (its SHA-256, so the table holds no addresses), whether or
// not an account has it: locking only real accounts would tell who has one. Read and written
// in system transactions only; the application role sees none of it.
export const authSignInThrottle = pgTable('auth_sign_in_throttle', {
  emailHash: text('email_hash').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true, precision: 3 })
    .notNull()
    .defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, precision: 3 }),
}).enableRLS();

// Emailed, single-use password reset links (their SHA-256). System transactions only.
export const authPasswordResets = pgTable(
  'auth_password_resets',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [uniqueIndex('auth_password_resets_token_hash_unique').on(t.tokenHash)],
).enableRLS();

// Invitations to join a company in a role, sent by email as a single-use link.
export const authInvitations = pgTable(
  'auth_invitations',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, precision: 3 }),
    acceptedBy: uuid('accepted_by'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    foreignKey({
      name: 'auth_invitations_role_fk',
      columns: [t.companyId, t.role],
      foreignColumns: [rbacRoles.companyId, rbacRoles.key],
    }),
    // Global on purpose: the link names no company before its invitation is found.
    uniqueIndex('auth_invitations_token_hash_unique').on(t.tokenHash),
    companyIsolation(),
  ],
).enableRLS();

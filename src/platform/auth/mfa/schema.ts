import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { appRole, currentUserId } from '../../db/columns.ts';
import { companies, users } from '../schema.ts';

// A person's second factor belongs to them, not to a company (like `users`): each row is visible
// to its own user only. Sign-in reads them in a system transaction, before anyone is signed in.
const ownRows = () =>
  pgPolicy('own_rows', {
    for: 'all',
    to: appRole,
    using: sql`user_id = ${currentUserId}`,
    withCheck: sql`user_id = ${currentUserId}`,
  });

export const authMfaTotp = pgTable(
  'auth_mfa_totp',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    // Sealed with the configured secret key (SecretBox), never stored in the clear.
    secretSealed: text('secret_sealed').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, precision: 3 }),
    // The time step of the last code accepted: a code at or before it is a replay.
    lastUsedStep: bigint('last_used_step', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  () => [ownRows()],
).enableRLS();

export const authRecoveryCodes = pgTable(
  'auth_recovery_codes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    id: uuid('id').notNull(),
    // SHA-256 of an 80-bit random code: enough entropy that a fast hash is safe.
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    uniqueIndex('auth_recovery_codes_hash_unique').on(t.userId, t.codeHash),
    ownRows(),
  ],
).enableRLS();

// Between the password and the second factor: a short-lived, single-use token naming the user
// and the company the session will open in.
export const authMfaChallenges = pgTable(
  'auth_mfa_challenges',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('auth_mfa_challenges_token_hash_unique').on(t.tokenHash),
    index('auth_mfa_challenges_expiry_idx').on(t.expiresAt),
    ownRows(),
  ],
).enableRLS();

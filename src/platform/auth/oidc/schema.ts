import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// A single-sign-on round trip in progress: from the redirect to the provider until its callback.
// The PKCE verifier is sealed; the state is stored as its SHA-256. System transactions only.
export const authOidcFlows = pgTable('auth_oidc_flows', {
  stateHash: text('state_hash').primaryKey(),
  codeVerifierSealed: text('code_verifier_sealed').notNull(),
  nonce: text('nonce').notNull(),
  // The company the person asked to sign in to, if any (not a company-owned row).
  requestedCompanyId: uuid('requested_company_id'),
  cookie: boolean('cookie').notNull().default(false),
  expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }),
}).enableRLS();

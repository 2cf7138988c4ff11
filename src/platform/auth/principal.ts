import type { Actor } from '../db/tx.ts';

/** Who a request acts as, once its credential is checked. */
export type Principal = {
  actor: Actor;
  /** The signed-in user; null for an API key (which acts as itself). */
  userId: string | null;
  companyId: string;
  /** The member's role key; null for an API key. */
  role: string | null;
  /** Names and wildcards, read from the role (or the key) once per request. */
  permissions: ReadonlySet<string>;
  /** For an API key: its maker's current permissions, which the key never exceeds. */
  ceiling?: ReadonlySet<string>;
  sessionId: string | null;
  /** Per entity, `own` when the role limits the member to records they own. */
  recordRules?: Readonly<Record<string, 'own' | 'all'>>;
  /** The role requires a second factor this session has not passed: only EVERY_MEMBER routes. */
  mfaPending?: boolean;
  /** A stable key for the credential, for rate limits and idempotency scoping. */
  credentialKey: string;
};

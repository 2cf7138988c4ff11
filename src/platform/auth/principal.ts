import type { Actor } from '../db/tx.ts';

/** Who a request acts as, once its credential is checked. */
export type Principal = {
  actor: Actor;
  userId: string;
  companyId: string;
  role: string;
  permissions: ReadonlySet<string>;
  sessionId: string;
  /** A stable key for the credential, for rate limits and idempotency scoping. */
  credentialKey: string;
};

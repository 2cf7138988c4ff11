import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { withSystemTx } from '../db/tx.ts';
import { AuthErrors } from './errors.ts';
import { authSignInThrottle } from './schema.ts';
import { tokenHash } from './tokens.ts';

// Per-account brute-force protection: after MAX_FAILURES wrong passwords within FAILURE_WINDOW_MS
// the address is locked for LOCK_MS, whatever password comes next. Per-address limits (the sign-in
// route's rate limit) catch one machine trying many accounts; this catches many machines trying one.
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

export const throttleKey = (email: string) => tokenHash(`sign-in:${email.trim().toLowerCase()}`);

/** Refuses with 429 while the address is locked. */
export async function assertNotLocked(database: Database, email: string): Promise<void> {
  const [row] = await withSystemTx(database, (db) =>
    db
      .select({ lockedUntil: authSignInThrottle.lockedUntil })
      .from(authSignInThrottle)
      .where(eq(authSignInThrottle.emailHash, throttleKey(email))),
  );
  const until = row?.lockedUntil;
  if (until && until.getTime() > Date.now()) {
    const seconds = Math.ceil((until.getTime() - Date.now()) / 1000);
    throw AuthErrors.sign_in_locked(
      `too many wrong passwords; try again in ${seconds} s or reset the password`,
    );
  }
}

/** Counts a wrong password (in its own transaction: the sign-in itself fails and rolls back). */
export async function recordFailure(database: Database, email: string): Promise<void> {
  const windowStart = new Date(Date.now() - FAILURE_WINDOW_MS);
  const lockedUntil = new Date(Date.now() + LOCK_MS);
  await withSystemTx(database, (db) =>
    db.execute(sql`
      insert into auth_sign_in_throttle as t (email_hash, failures, window_started_at)
      values (${throttleKey(email)}, 1, now())
      on conflict (email_hash) do update set
        failures = case when t.window_started_at < ${windowStart} then 1 else t.failures + 1 end,
        window_started_at = case when t.window_started_at < ${windowStart} then now() else t.window_started_at end,
        locked_until = case
          when t.window_started_at >= ${windowStart} and t.failures + 1 >= ${MAX_FAILURES} then ${lockedUntil}::timestamptz
          else t.locked_until end`),
  );
}

export async function clearFailures(database: Database, email: string): Promise<void> {
  await withSystemTx(database, (db) =>
    db.delete(authSignInThrottle).where(eq(authSignInThrottle.emailHash, throttleKey(email))),
  );
}

import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { assert } from '../../assert.ts';
import type { Tx } from '../../db/tx.ts';
import type { SecretBox } from '../../secret-box.ts';
import { AuthErrors } from '../errors.ts';
import { authSessions } from '../schema.ts';
import { base32Encode } from './base32.ts';
import { acceptStep, totpContext } from './challenges.ts';
import { replaceRecoveryCodes } from './recovery-codes.ts';
import { authMfaTotp } from './schema.ts';
import { matchTotp } from './totp.ts';

const ISSUER = 'Tandem';

// These run as the application role with the user set, so row-level security limits them to
// the caller's own second factor.

/** Makes a new TOTP secret (replacing one not confirmed yet) for the caller to scan. */
export async function startTotp(tx: Tx, secrets: SecretBox, user: { id: string; email: string }) {
  const [existing] = await tx.db.select().from(authMfaTotp).where(eq(authMfaTotp.userId, user.id));
  if (existing?.confirmedAt) throw AuthErrors.mfa_already_enabled();
  const secret = randomBytes(20);
  const secretSealed = secrets.seal(secret, totpContext(user.id));
  await tx.db
    .insert(authMfaTotp)
    .values({ userId: user.id, secretSealed })
    .onConflictDoUpdate({
      target: authMfaTotp.userId,
      set: { secretSealed, lastUsedStep: null, createdAt: sql`now()` },
    });
  tx.audit('auth.user', user.id, 'mfa.totp.start', {});
  const encoded = base32Encode(secret);
  const label = encodeURIComponent(`${ISSUER}:${user.email}`);
  return {
    secret: encoded,
    otpauthUri: `otpauth://totp/${label}?secret=${encoded}&issuer=${ISSUER}&algorithm=SHA1&digits=6&period=30`,
  };
}

/**
 * Confirms the authenticator with a first code, answers ten recovery codes (shown once), and
 * counts the current session as having passed the second factor.
 */
export async function confirmTotp(
  tx: Tx,
  secrets: SecretBox,
  userId: string,
  sessionId: string,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const [totp] = await tx.db.select().from(authMfaTotp).where(eq(authMfaTotp.userId, userId));
  if (!totp) throw AuthErrors.mfa_not_started();
  if (totp.confirmedAt) throw AuthErrors.mfa_already_enabled();
  const step = matchTotp(secrets.open(totp.secretSealed, totpContext(userId)), code, Date.now() / 1000);
  if (step === null) throw AuthErrors.mfa_code_invalid();
  if (!(await acceptStep(tx.db, userId, step))) throw AuthErrors.mfa_code_replayed();
  await tx.db.update(authMfaTotp).set({ confirmedAt: new Date() }).where(eq(authMfaTotp.userId, userId));
  const recoveryCodes = await replaceRecoveryCodes(tx.db, userId);
  const updated = await tx.db
    .update(authSessions)
    .set({ mfaAt: new Date() })
    .where(eq(authSessions.id, sessionId))
    .returning({ id: authSessions.id });
  assert(updated.length === 1, 'the caller’s own session is visible to them');
  tx.audit('auth.user', userId, 'mfa.totp.enable', {});
  return { recoveryCodes };
}

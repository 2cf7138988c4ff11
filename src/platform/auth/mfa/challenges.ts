import { and, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.ts';
import { withSystemTx } from '../../db/tx.ts';
import { newId } from '../../ids.ts';
import type { SecretBox } from '../../secret-box.ts';
import { AuthErrors } from '../errors.ts';
import { users } from '../schema.ts';
import { membershipOf, openSession, type SignedIn } from '../sessions.ts';
import { newToken, tokenHash } from '../tokens.ts';
import { useRecoveryCode } from './recovery-codes.ts';
import { authMfaChallenges, authMfaTotp } from './schema.ts';
import { matchTotp } from './totp.ts';

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
// Five guesses at a six-digit code per password check: the password is the rate limit.
export const CHALLENGE_MAX_ATTEMPTS = 5;

export const totpContext = (userId: string) => `auth.totp:${userId}`;

export async function hasConfirmedTotp(db: Executor, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: authMfaTotp.userId })
    .from(authMfaTotp)
    .where(and(eq(authMfaTotp.userId, userId), isNotNull(authMfaTotp.confirmedAt)));
  return row !== undefined;
}

export async function createChallenge(db: Executor, userId: string, companyId: string) {
  const challenge = newToken('tdm');
  const expiresAt = new Date(Date.now() + CHALLENGE_TTL_MS);
  await db
    .insert(authMfaChallenges)
    .values({ id: newId(), tokenHash: tokenHash(challenge), userId, companyId, expiresAt });
  return { challenge, expiresAt };
}

/**
 * Accepts a TOTP code (once: a code of a step already used is a replay) or an unused recovery
 * code, and opens the session. A wrong answer counts against the challenge even though the
 * request fails, which is why the outcome is decided inside and thrown after the commit.
 */
export async function completeChallenge(
  database: Database,
  secrets: SecretBox,
  input: { challenge: string; code?: string | undefined; recoveryCode?: string | undefined },
): Promise<SignedIn> {
  const outcome = await withSystemTx(database, async (db) => {
    const [challenge] = await db
      .update(authMfaChallenges)
      .set({ attempts: sql`${authMfaChallenges.attempts} + 1` })
      .where(
        and(
          eq(authMfaChallenges.tokenHash, tokenHash(input.challenge)),
          isNull(authMfaChallenges.usedAt),
          gt(authMfaChallenges.expiresAt, new Date()),
          lt(authMfaChallenges.attempts, CHALLENGE_MAX_ATTEMPTS),
        ),
      )
      .returning();
    if (!challenge) return { refused: AuthErrors.mfa_challenge_invalid('sign in with your password again') };
    const refusal = await checkSecondFactor(db, secrets, challenge.userId, input);
    if (refusal) return { refused: refusal };
    await db
      .update(authMfaChallenges)
      .set({ usedAt: new Date() })
      .where(eq(authMfaChallenges.id, challenge.id));
    const [user] = await db.select().from(users).where(eq(users.id, challenge.userId));
    const membership = await membershipOf(db, challenge.userId, challenge.companyId);
    if (!user || user.disabledAt || !membership) return { refused: AuthErrors.mfa_challenge_invalid() };
    return { session: await openSession(db, user, membership, new Date()) };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.session;
}

async function checkSecondFactor(
  db: Executor,
  secrets: SecretBox,
  userId: string,
  input: { code?: string | undefined; recoveryCode?: string | undefined },
) {
  if (input.recoveryCode) {
    return (await useRecoveryCode(db, userId, input.recoveryCode))
      ? undefined
      : AuthErrors.mfa_code_invalid('the recovery code is wrong or was used');
  }
  const [totp] = await db.select().from(authMfaTotp).where(eq(authMfaTotp.userId, userId));
  if (!totp?.confirmedAt) return AuthErrors.mfa_challenge_invalid();
  const secret = secrets.open(totp.secretSealed, totpContext(userId));
  const step = matchTotp(secret, input.code ?? '', Date.now() / 1000);
  if (step === null) return AuthErrors.mfa_code_invalid();
  return (await acceptStep(db, userId, step)) ? undefined : AuthErrors.mfa_code_replayed();
}

/** Records `step` as used if it is newer than the last one; false for a replay. Atomic. */
export async function acceptStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const accepted = await db
    .update(authMfaTotp)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(authMfaTotp.userId, userId),
        or(isNull(authMfaTotp.lastUsedStep), lt(authMfaTotp.lastUsedStep, step)),
      ),
    )
    .returning({ userId: authMfaTotp.userId });
  return accepted.length > 0;
}

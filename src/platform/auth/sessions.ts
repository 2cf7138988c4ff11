import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../db/database.ts';
import { withSystemTx } from '../db/tx.ts';
import { newId } from '../ids.ts';
import { rbacRoles } from '../rbac/schema.ts';
import { AuthErrors } from './errors.ts';
import { createChallenge, hasConfirmedTotp } from './mfa/challenges.ts';
import { verifyPassword } from './passwords.ts';
import type { Principal } from './principal.ts';
import { authSessions, companies, companyMembers, users } from './schema.ts';
import { assertNotLocked, clearFailures, recordFailure } from './throttle.ts';
import { newToken, tokenHash } from './tokens.ts';
import { findUserByEmail } from './users.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type SignedIn = {
  token: string;
  expiresAt: Date;
  user: { id: string; email: string; displayName: string };
  company: { id: string; name: string; role: string };
};

export type MfaPending = { mfaRequired: true; challenge: string; expiresAt: Date };

export function isSignedIn(result: SignedIn | MfaPending): result is SignedIn {
  return !('mfaRequired' in result);
}

type Membership = { companyId: string; name: string; role: string };

/** The user's membership in `companyId`, or in the company they joined first. */
export async function membershipOf(
  db: Executor,
  userId: string,
  companyId?: string | undefined,
): Promise<Membership | undefined> {
  const [membership] = await db
    .select({ companyId: companies.id, name: companies.name, role: companyMembers.role })
    .from(companyMembers)
    .innerJoin(companies, eq(companies.id, companyMembers.companyId))
    .where(
      and(eq(companyMembers.userId, userId), companyId ? eq(companyMembers.companyId, companyId) : undefined),
    )
    .orderBy(asc(companyMembers.createdAt))
    .limit(1);
  return membership;
}

export async function openSession(
  db: Executor,
  user: { id: string; email: string; displayName: string },
  membership: Membership,
  mfaAt: Date | null = null,
): Promise<SignedIn> {
  const token = newToken('tds');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(authSessions).values({
    id: newId(),
    tokenHash: tokenHash(token),
    userId: user.id,
    companyId: membership.companyId,
    expiresAt,
    mfaAt,
  });
  return {
    token,
    expiresAt,
    user: { id: user.id, email: user.email, displayName: user.displayName },
    company: { id: membership.companyId, name: membership.name, role: membership.role },
  };
}

/**
 * Checks an email and password and opens a session in one of the user's companies (the first
 * one joined unless `companyId` names another), or, when the user has a second factor, answers
 * a challenge to complete with it. Unknown email and wrong password give the same answer, after
 * the same amount of work.
 */
export async function signIn(
  database: Database,
  input: { email: string; password: string; companyId?: string | undefined },
): Promise<SignedIn | MfaPending> {
  await assertNotLocked(database, input.email);
  const result = await withSystemTx(database, async (db) => {
    const user = await findUserByEmail(db, input.email);
    const ok = await verifyPassword(user?.passwordHash, input.password);
    if (!user || !ok || user.disabledAt) return undefined;
    const membership = await membershipOf(db, user.id, input.companyId);
    if (!membership) throw AuthErrors.not_a_member();
    if (await hasConfirmedTotp(db, user.id)) {
      return { mfaRequired: true as const, ...(await createChallenge(db, user.id, membership.companyId)) };
    }
    return openSession(db, user, membership);
  });
  if (!result) {
    await recordFailure(database, input.email);
    throw AuthErrors.invalid_credentials();
  }
  await clearFailures(database, input.email);
  return result;
}

/** The principal behind a bearer token, or undefined when it is unknown, expired or revoked. */
export async function resolveSession(database: Database, token: string): Promise<Principal | undefined> {
  const hash = tokenHash(token);
  const [row] = await withSystemTx(database, (db) =>
    db
      .select({
        sessionId: authSessions.id,
        userId: authSessions.userId,
        companyId: authSessions.companyId,
        role: companyMembers.role,
        permissions: rbacRoles.permissions,
        mfaRequired: rbacRoles.mfaRequired,
        recordRules: rbacRoles.recordRules,
        mfaAt: authSessions.mfaAt,
      })
      .from(authSessions)
      .innerJoin(users, eq(users.id, authSessions.userId))
      .innerJoin(
        companyMembers,
        and(
          eq(companyMembers.userId, authSessions.userId),
          eq(companyMembers.companyId, authSessions.companyId),
        ),
      )
      // Read on every request: a role edited mid-session applies from the next request on.
      .innerJoin(
        rbacRoles,
        and(eq(rbacRoles.companyId, companyMembers.companyId), eq(rbacRoles.key, companyMembers.role)),
      )
      .where(
        and(
          eq(authSessions.tokenHash, hash),
          isNull(authSessions.revokedAt),
          gt(authSessions.expiresAt, new Date()),
          isNull(users.disabledAt),
        ),
      )
      .limit(1),
  );
  if (!row) return undefined;
  return {
    actor: { type: 'user', id: row.userId },
    userId: row.userId,
    companyId: row.companyId,
    role: row.role,
    permissions: new Set(row.permissions),
    sessionId: row.sessionId,
    mfaPending: row.mfaRequired && !row.mfaAt,
    recordRules: row.recordRules,
    credentialKey: `session:${row.sessionId}`,
  };
}

export async function revokeSession(database: Database, sessionId: string): Promise<void> {
  await withSystemTx(database, (db) =>
    db.update(authSessions).set({ revokedAt: new Date() }).where(eq(authSessions.id, sessionId)),
  );
}

/** Signs a user out everywhere: every session, in every company. */
export async function revokeAllSessions(database: Database, userId: string): Promise<void> {
  await withSystemTx(database, (db) =>
    db
      .update(authSessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt))),
  );
}

import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { withSystemTx } from '../db/tx.ts';
import { AuthErrors } from './errors.ts';
import { authSessions, companies, companyMembers, users } from './schema.ts';
import { membershipOf, openSession, type SignedIn } from './sessions.ts';

export type MyCompany = { id: string; name: string; role: string };

/** The companies a user belongs to, with their role in each: the company switcher's list. */
export async function myCompanies(database: Database, userId: string): Promise<MyCompany[]> {
  return withSystemTx(database, (db) =>
    db
      .select({ id: companies.id, name: companies.name, role: companyMembers.role })
      .from(companyMembers)
      .innerJoin(companies, eq(companies.id, companyMembers.companyId))
      .where(eq(companyMembers.userId, userId))
      .orderBy(asc(companyMembers.createdAt))
      .limit(500),
  );
}

/**
 * Moves a signed-in user to another of their companies: a new session there (keeping a second
 * factor already passed), and the current one ends.
 */
export async function switchCompany(
  database: Database,
  current: { sessionId: string; userId: string },
  companyId: string,
): Promise<SignedIn> {
  return withSystemTx(database, async (db) => {
    const membership = await membershipOf(db, current.userId, companyId);
    if (!membership) throw AuthErrors.not_a_member();
    const [session] = await db
      .update(authSessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(authSessions.id, current.sessionId), eq(authSessions.userId, current.userId)))
      .returning({ mfaAt: authSessions.mfaAt });
    const [user] = await db.select().from(users).where(eq(users.id, current.userId));
    return openSession(db, user!, membership, session?.mfaAt ?? null);
  });
}

import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { newId } from '../ids.ts';
import { commonPasswordReason } from './common-passwords.ts';
import { AuthErrors } from './errors.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
import { authSessions, authSignInThrottle, users } from './schema.ts';
import { throttleKey } from './throttle.ts';

export type User = { id: string; email: string; displayName: string };

export function checkPasswordStrength(password: string, email?: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw AuthErrors.password_too_weak(`use at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const reason = commonPasswordReason(password, email);
  if (reason) throw AuthErrors.password_too_weak(`choose another password: ${reason}`);
}

/** Creates a user who can sign in (system transaction: users are global). */
export async function createUser(
  db: Executor,
  input: { email: string; displayName: string; password: string },
): Promise<User> {
  checkPasswordStrength(input.password, input.email);
  const [row] = await db
    .insert(users)
    .values({
      id: newId(),
      email: input.email.trim(),
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
    })
    .returning({ id: users.id, email: users.email, displayName: users.displayName });
  return row!;
}

export async function findUserByEmail(db: Executor, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`)
    .limit(1);
  return row;
}

/** Sets a new password, signs the user out everywhere and lifts a sign-in lock. */
export async function resetPassword(db: Executor, email: string, password: string): Promise<User> {
  checkPasswordStrength(password);
  const user = await findUserByEmail(db, email);
  if (!user) throw AuthErrors.user_not_found(`no user has the email ${email}`);
  await setPassword(db, user, password);
  return { id: user.id, email: user.email, displayName: user.displayName };
}

export async function setPassword(db: Executor, user: { id: string; email: string }, password: string) {
  checkPasswordStrength(password, user.email);
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password), updatedAt: new Date() })
    .where(eq(users.id, user.id));
  await db
    .update(authSessions)
    .set({ revokedAt: new Date() })
    .where(sql`${authSessions.userId} = ${user.id} and ${authSessions.revokedAt} is null`);
  await db.delete(authSignInThrottle).where(eq(authSignInThrottle.emailHash, throttleKey(user.email)));
}

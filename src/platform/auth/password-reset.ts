import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { withSystemTx } from '../db/tx.ts';
import { newId } from '../ids.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { AuthErrors } from './errors.ts';
import { authPasswordResets, users } from './schema.ts';
import { newToken, tokenHash } from './tokens.ts';
import { checkPasswordStrength, findUserByEmail, setPassword } from './users.ts';

export const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Queues a reset link for the address if an account has it; does the same visible nothing if
 * not, so the answer (always 202) never tells who has an account.
 */
export async function requestPasswordReset(
  database: Database,
  email: string,
  publicUrl: string,
): Promise<void> {
  await withSystemTx(database, async (db) => {
    const user = await findUserByEmail(db, email);
    if (!user || user.disabledAt) return;
    const token = newToken('tdr');
    await db.insert(authPasswordResets).values({
      id: newId(),
      userId: user.id,
      tokenHash: tokenHash(token),
      expiresAt: new Date(Date.now() + RESET_TTL_MS),
    });
    await enqueueMail(db, {
      to: user.email,
      subject: 'Reset your Tandem password',
      text: [
        `Hello ${user.displayName},`,
        '',
        'Someone (we hope you) asked to reset your Tandem password. To choose a new one, open:',
        '',
        `${publicUrl}/reset-password?token=${token}`,
        '',
        'The link works once, for one hour. If you did not ask, ignore this mail: your password stays as it is.',
      ].join('\n'),
    });
  });
}

/** Uses a reset link once: sets the password and signs the user out everywhere. */
export async function completePasswordReset(
  database: Database,
  token: string,
  password: string,
): Promise<void> {
  checkPasswordStrength(password);
  await withSystemTx(database, async (db) => {
    const [reset] = await db
      .update(authPasswordResets)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(authPasswordResets.tokenHash, tokenHash(token)),
          isNull(authPasswordResets.usedAt),
          gt(authPasswordResets.expiresAt, new Date()),
        ),
      )
      .returning({ userId: authPasswordResets.userId });
    if (!reset) throw AuthErrors.link_invalid();
    const [user] = await db.select().from(users).where(eq(users.id, reset.userId));
    await setPassword(db, user!, password);
  });
}

import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { newId } from '../../ids.ts';
import { tokenHash } from '../tokens.ts';
import { base32Encode } from './base32.ts';
import { authRecoveryCodes } from './schema.ts';

export const RECOVERY_CODE_COUNT = 10;

/** `ABCD-EFGH-IJKL-MNOP`: 80 random bits, easy to copy down. */
function newRecoveryCode(): string {
  return base32Encode(randomBytes(10)).match(/.{4}/g)!.join('-');
}

function normalise(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** Replaces the user's recovery codes; the codes are in the answer only, stored as SHA-256. */
export async function replaceRecoveryCodes(db: Executor, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.delete(authRecoveryCodes).where(eq(authRecoveryCodes.userId, userId));
  await db
    .insert(authRecoveryCodes)
    .values(codes.map((code) => ({ userId, id: newId(), codeHash: tokenHash(normalise(code)) })));
  return codes;
}

/** Uses up one recovery code; false when it is unknown or already used. Atomic: it works once. */
export async function useRecoveryCode(db: Executor, userId: string, code: string): Promise<boolean> {
  const used = await db
    .update(authRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(authRecoveryCodes.userId, userId),
        eq(authRecoveryCodes.codeHash, tokenHash(normalise(code))),
        isNull(authRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: authRecoveryCodes.id });
  return used.length > 0;
}

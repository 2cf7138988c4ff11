import { Decimal } from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import { hashPassword, verifyPassword } from '../../../platform/auth/passwords.ts';
import type { Database } from '../../../platform/db/database.ts';
import { type Tx, type TxContext, withTx } from '../../../platform/db/tx.ts';
import { grants } from '../../../platform/rbac/permissions.ts';
import { memberPermissions } from '../../../platform/rbac/roles.ts';
import type { ManagerOverride } from '../contracts.ts';
import { PosErrors } from '../errors.ts';
import { posManagerPins } from '../schema.ts';

export const OVERRIDE_PERMISSION = 'pos.override.approve';
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;
const PIN = /^\d{4,8}$/;

/** Sets (or changes) the caller's own manager PIN. */
export async function setManagerPin(tx: Tx, pin: string): Promise<{ userId: string }> {
  if (!PIN.test(pin)) throw PosErrors.pin_invalid('give 4 to 8 digits');
  const { companyId } = tx.ctx;
  const userId = tx.ctx.actor.id;
  if (!userId) throw PosErrors.approval_refused('only a person signed in sets their PIN');
  const pinHash = await hashPassword(pin);
  await tx.db
    .insert(posManagerPins)
    .values({ companyId, userId, pinHash })
    .onConflictDoUpdate({
      target: [posManagerPins.companyId, posManagerPins.userId],
      set: { pinHash, failedAttempts: 0, lockedUntil: null, updatedAt: new Date() },
    });
  tx.audit('pos.manager_pin', userId, 'update', { pin: { old: null, new: '(set)' } });
  return { userId };
}

type Verdict = { approvedBy: string } | { refused: 'unknown' | 'wrong' | 'locked' | 'not_a_manager' };

// Runs in a transaction of its own so that a wrong PIN's count is kept although the sale it was
// meant for is refused (and rolled back).
async function judge(tx: Tx, override: ManagerOverride): Promise<Verdict> {
  const { companyId } = tx.ctx;
  const [row] = await tx.db
    .select()
    .from(posManagerPins)
    .where(and(eq(posManagerPins.companyId, companyId), eq(posManagerPins.userId, override.managerId)))
    .for('update');
  if (!row) return { refused: 'unknown' };
  if (row.lockedUntil && row.lockedUntil > new Date()) return { refused: 'locked' };
  const right = await verifyPassword(row.pinHash, override.pin);
  const failedAttempts = right ? 0 : row.failedAttempts + 1;
  const lockedUntil = failedAttempts >= MAX_FAILURES ? new Date(Date.now() + LOCK_MS) : null;
  await tx.db
    .update(posManagerPins)
    .set({ failedAttempts: lockedUntil ? 0 : failedAttempts, lockedUntil })
    .where(and(eq(posManagerPins.companyId, companyId), eq(posManagerPins.userId, override.managerId)));
  if (!right) {
    tx.audit('pos.manager_pin', override.managerId, 'refuse', {
      failedAttempts: { old: row.failedAttempts, new: failedAttempts },
    });
    return { refused: lockedUntil ? 'locked' : 'wrong' };
  }
  const permissions = await memberPermissions(tx.db, companyId, override.managerId);
  if (!permissions || !grants(permissions, OVERRIDE_PERMISSION)) return { refused: 'not_a_manager' };
  return { approvedBy: override.managerId };
}

/**
 * Checks a manager's PIN for an override; returns the manager's id or throws (403, or 429 once the
 * PIN is locked after five wrong tries). Without an override, returns null.
 */
export async function approvalOf(
  database: Database,
  ctx: TxContext,
  override: ManagerOverride | undefined,
): Promise<string | null> {
  if (!override) return null;
  const verdict = await withTx(database, ctx, (tx) => judge(tx, override));
  if ('approvedBy' in verdict) return verdict.approvedBy;
  if (verdict.refused === 'locked')
    throw PosErrors.approval_locked('try again in 15 minutes or ask another manager');
  if (verdict.refused === 'not_a_manager')
    throw PosErrors.approval_refused('that person may not approve overrides');
  throw PosErrors.approval_refused('wrong PIN, or no PIN set for that manager');
}

/** Refuses a discount over the register's limit unless a manager approved it. */
export function checkDiscounts(
  register: { discountLimitPercent: string | null; code: string },
  discounts: (string | undefined | null)[],
  approvedBy: string | null,
): void {
  if (register.discountLimitPercent === null || approvedBy) return;
  const limit = new Decimal(register.discountLimitPercent);
  const over = discounts.find((d) => d && new Decimal(d).gt(limit));
  if (over) {
    throw PosErrors.approval_required(
      `a discount of ${over} % is over the ${limit.toString()} % register ${register.code} allows without a manager`,
    );
  }
}

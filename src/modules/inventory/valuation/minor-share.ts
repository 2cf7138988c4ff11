// Splitting money across quantities without losing a minor unit. Pure: no database, no clock.
import type { Decimal } from 'decimal.js';
import { assert } from '../../../platform/assert.ts';
import { allocateMinor } from '../../../shared/money.ts';

/**
 * The value that goes with `part` of `whole` units worth `totalMinor`. Taking the parts one after
 * another from what remains, the last part takes all that is left, so the shares of a layer or of
 * an average always sum to its value exactly (allocateMinor does the rounding).
 */
export function shareMinor(totalMinor: number, part: Decimal, whole: Decimal): number {
  assert(whole.gt(0) && part.gte(0) && part.lte(whole), `cannot share ${part} of ${whole}`);
  if (part.eq(whole)) return totalMinor;
  if (part.isZero()) return 0;
  return allocateMinor(totalMinor, [part.toFixed(), whole.minus(part).toFixed()])[0]!;
}

/**
 * Splits an amount in proportion to weights that may be negative (a warehouse sold past zero
 * while another still has stock), so that the parts sum to it exactly: largest remainder, the
 * earlier part first on a tie. Weights summing to zero get nothing.
 */
export function apportionMinor(totalMinor: number, weights: readonly Decimal[]): number[] {
  assert(Number.isSafeInteger(totalMinor), `not a minor amount: ${totalMinor}`);
  // A negative amount is split as its absolute value, then negated, as allocateMinor does.
  if (totalMinor < 0) return apportionMinor(-totalMinor, weights).map((part) => (part === 0 ? 0 : -part));
  const places = Math.max(0, ...weights.map((w) => w.decimalPlaces()));
  let scaled = weights.map((w) => BigInt(w.toFixed(places).replace('.', '')));
  let sum = scaled.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map(() => 0);
  if (sum < 0n) {
    scaled = scaled.map((w) => -w);
    sum = -sum;
  }
  const total = BigInt(totalMinor);
  const parts = scaled.map((w) => floorDiv(total * w, sum));
  const remainders = scaled.map((w, i) => total * w - parts[i]! * sum);
  const leftover = Number(total - parts.reduce((a, b) => a + b, 0n));
  const order = remainders
    .map((_, i) => i)
    .sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  for (const i of order.slice(0, leftover)) parts[i]! += 1n;
  return parts.map((p) => Number(p));
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

// The sale being rung up, as pure functions: lines, discounts and the totals reckoned with the
// server's own till arithmetic (src/shared/pos/sale-totals.ts), so what the screen shows is what
// the server records, online or not.

import { fromMinor } from '@shared/money.ts';
import { amountDue, lineTaxes, saleTotals, TillError, type TillPayment } from '@shared/pos/sale-totals.ts';
import type { TillCatalogue, TillItem } from './api';

export type CartLine = { item: TillItem; quantity: number; discountPercent: string };
export type Cart = { lines: CartLine[]; orderDiscountPercent: string };

export const emptyCart: Cart = { lines: [], orderDiscountPercent: '' };

/** Adds one of the item: to its line when it is already in the cart. */
export function addItem(cart: Cart, item: TillItem): Cart {
  const index = cart.lines.findIndex((l) => l.item.variantId === item.variantId);
  if (index < 0) return { ...cart, lines: [...cart.lines, { item, quantity: 1, discountPercent: '' }] };
  return updateLine(cart, index, { quantity: cart.lines[index]!.quantity + 1 });
}

export function updateLine(cart: Cart, index: number, change: Partial<Omit<CartLine, 'item'>>): Cart {
  return { ...cart, lines: cart.lines.map((line, i) => (i === index ? { ...line, ...change } : line)) };
}

export function removeLine(cart: Cart, index: number): Cart {
  return { ...cart, lines: cart.lines.filter((_, i) => i !== index) };
}

const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;

/** A discount as typed: empty is none; otherwise 0–100 with up to four decimals. */
export function validPercent(text: string): boolean {
  return text === '' || (PERCENT.test(text) && Number(text) <= 100);
}

type Till = Pick<TillCatalogue, 'taxRounding'> & {
  register: Pick<TillCatalogue['register'], 'currencyCode' | 'cashIncrementMinor'>;
};

function tillLines(cart: Cart) {
  return cart.lines.map((line) => ({
    unitPrice: line.item.unitPrice,
    quantity: String(line.quantity),
    discountPercent: line.discountPercent || null,
    taxes: line.item.taxes,
  }));
}

function options(cart: Cart, till: Till) {
  return {
    currency: till.register.currencyCode,
    orderDiscountPercent: cart.orderDiscountPercent || null,
    rounding: till.taxRounding,
    cashIncrementMinor: till.register.cashIncrementMinor,
  };
}

/** Each line's total, the sale's total, and what is due in cash (rounded to the cash increment). */
export function cartTotals(cart: Cart, till: Till) {
  if (cart.lines.length === 0) return { lineTotalsMinor: [], totalMinor: 0, dueCashMinor: 0, taxMinor: 0 };
  const lines = tillLines(cart);
  const taxes = lineTaxes(lines, options(cart, till));
  return {
    lineTotalsMinor: taxes.lines.map((l) => l.grossMinor),
    totalMinor: taxes.totalMinor,
    taxMinor: taxes.taxMinor,
    dueCashMinor: amountDue(lines, options(cart, till), true),
  };
}

export type Settlement =
  | { ok: true; changeMinor: number; dueMinor: number }
  | { ok: false; reason: TillError['code'] };

/** Whether the payments settle the sale, and the change due, as the server will reckon them. */
export function settle(cart: Cart, till: Till, payments: TillPayment[]): Settlement {
  try {
    const totals = saleTotals(tillLines(cart), payments, options(cart, till));
    return { ok: true, changeMinor: totals.changeMinor, dueMinor: totals.dueMinor };
  } catch (error) {
    if (error instanceof TillError) return { ok: false, reason: error.code };
    throw error;
  }
}

/** The sale as the server takes it; the shelf price travels with each line (kept when offline). */
export function saleBody(
  cart: Cart,
  till: Till & { register: { id: string } },
  shiftId: string,
  payments: (TillPayment & { reference?: string })[],
  clientSaleId: string,
  soldAt: Date,
) {
  return {
    registerId: till.register.id,
    shiftId,
    clientSaleId,
    soldAt: soldAt.toISOString(),
    lines: cart.lines.map((line) => ({
      variantId: line.item.variantId,
      quantity: String(line.quantity),
      unitPrice: line.item.unitPrice,
      ...(line.discountPercent ? { discountPercent: line.discountPercent } : {}),
    })),
    ...(cart.orderDiscountPercent ? { orderDiscountPercent: cart.orderDiscountPercent } : {}),
    payments: payments.map((p) => ({
      method: p.method,
      amount: fromMinor(p.amountMinor, till.register.currencyCode),
      ...(p.reference ? { reference: p.reference } : {}),
    })),
  };
}

/** A random UUID, also where crypto.randomUUID is missing (plain http off localhost). */
export function newClientSaleId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

import { describe, expect, it } from 'vitest';
import type { TillItem } from './api';
import {
  addItem,
  cartTotals,
  emptyCart,
  newClientSaleId,
  saleBody,
  settle,
  updateLine,
  validPercent,
} from './cart';

const vat20 = {
  id: '0190c3aa-0000-7000-8000-000000000001',
  code: 'VAT20',
  kind: 'percent' as const,
  ratePercent: '20',
  amount: null,
  priceIncluded: true,
};
const coffee: TillItem = {
  variantId: '0190c3aa-0000-7000-8000-0000000000c0',
  name: 'Coffee',
  sku: 'COF',
  barcode: '4000000000017',
  unitPrice: '12.9',
  taxes: [vat20],
};
const till = {
  taxRounding: 'per_line' as const,
  register: { id: '0190c3aa-0000-7000-8000-0000000000aa', currencyCode: 'CHF', cashIncrementMinor: 5 },
};

describe('the cart', () => {
  it('adds a scanned item twice as one line of two, with discounts off the shelf price', () => {
    let cart = addItem(addItem(emptyCart, coffee), coffee);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]!.quantity).toBe(2);
    cart = { ...updateLine(cart, 0, { discountPercent: '10' }), orderDiscountPercent: '5' };
    // 25.80 less 10 % then 5 %: 22.059 → 22.06; in cash rounded to 0.05 → 22.05.
    expect(cartTotals(cart, till)).toMatchObject({ totalMinor: 2206, dueCashMinor: 2205 });
  });

  it('gives change from cash only, and refuses a card paying more than is due', () => {
    const cart = addItem(emptyCart, coffee);
    expect(settle(cart, till, [{ method: 'cash', amountMinor: 2000 }])).toEqual({
      ok: true,
      changeMinor: 710,
      dueMinor: 1290,
    });
    expect(settle(cart, till, [{ method: 'card', amountMinor: 2000 }])).toEqual({
      ok: false,
      reason: 'change_without_cash',
    });
    expect(settle(cart, till, [{ method: 'cash', amountMinor: 500 }])).toEqual({
      ok: false,
      reason: 'payment_short',
    });
    const split = settle(cart, till, [
      { method: 'card', amountMinor: 1000 },
      { method: 'cash', amountMinor: 500 },
    ]);
    expect(split).toEqual({ ok: true, changeMinor: 210, dueMinor: 1290 });
  });

  it('sends the shelf price with each line and the amounts as decimals', () => {
    const body = saleBody(
      addItem(emptyCart, coffee),
      till,
      's',
      [{ method: 'cash', amountMinor: 2000 }],
      newClientSaleId(),
      new Date(0),
    );
    expect(body.lines).toEqual([{ variantId: coffee.variantId, quantity: '1', unitPrice: '12.9' }]);
    expect(body.payments).toEqual([{ method: 'cash', amount: '20.00' }]);
    expect(body.clientSaleId).toMatch(/^[0-9a-f-]{36}$/);
    expect(validPercent('12.5')).toBe(true);
    expect(validPercent('101')).toBe(false);
  });
});

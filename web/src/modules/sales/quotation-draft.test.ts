import { describe, expect, it } from 'vitest';
import {
  blankLine,
  errorsByLine,
  lineOfDetail,
  type QuotationHeader,
  quotationRequest,
} from './quotation-draft';

const header: QuotationHeader = {
  customerId: 'c',
  warehouseId: 'w',
  invoicePolicy: 'delivery',
  customerReference: '  PO-1 ',
  validUntil: '',
  note: '',
};

describe('the quotation draft', () => {
  it('leaves blank lines out and remembers which line each sent index is', () => {
    const first = { ...blankLine(), variantId: 'v1', quantity: '2' };
    const blank = blankLine();
    const third = { ...blankLine(), variantId: 'v3', quantity: '1', discountPercent: '10' };
    const { body, keys } = quotationRequest(header, [first, blank, third]);
    expect(keys).toEqual([first.key, third.key]);
    expect(body.lines).toEqual([
      { variantId: 'v1', quantity: '2', unitPrice: undefined, discountPercent: undefined },
      { variantId: 'v3', quantity: '1', unitPrice: undefined, discountPercent: '10' },
    ]);
    expect(body.customerReference).toBe('PO-1');
    expect(body.validUntil).toBeNull();
  });

  it('puts a refusal of the second sent line beside the line that was sent there', () => {
    expect(errorsByLine({ 'lines.1.quantity': 'too many', customerId: 'Required' }, ['a', 'c'])).toEqual({
      'lines.c.quantity': 'too many',
      customerId: 'Required',
    });
  });

  it('reads the line a sales refusal names at the start of its detail', () => {
    expect(lineOfDetail('lines.0: line 1 has 2 delivered and not yet returned')).toEqual({
      index: 0,
      message: 'line 1 has 2 delivered and not yet returned',
    });
    expect(lineOfDetail('Acme would owe 120.00 against a limit of 100 EUR')).toBeNull();
    expect(lineOfDetail(undefined)).toBeNull();
  });
});

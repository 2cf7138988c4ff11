// GS1 check digits (GS1 General Specifications, mod 10): weights 3, 1, 3, … from the rightmost
// data digit. The same rule covers GTIN-8 (EAN-8), GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14.

export type GtinKind = 'EAN-8' | 'UPC-A' | 'EAN-13' | 'GTIN-14';

const KIND_BY_LENGTH: Record<number, GtinKind> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13', 14: 'GTIN-14' };

/** The check digit for the data digits (the code without its last digit). */
export function gs1CheckDigit(data: string): number {
  if (!/^\d+$/.test(data)) throw new RangeError(`not digits: ${data}`);
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const digit = data.charCodeAt(data.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export type GtinCheck = { valid: true; kind: GtinKind } | { valid: false; reason: string };

/** Whether a scanned or typed code is a GTIN with a correct check digit. */
export function checkGtin(code: string): GtinCheck {
  if (!/^\d+$/.test(code)) return { valid: false, reason: 'a barcode has digits only' };
  const kind = KIND_BY_LENGTH[code.length];
  if (!kind) return { valid: false, reason: 'a barcode has 8, 12, 13 or 14 digits' };
  const expected = gs1CheckDigit(code.slice(0, -1));
  if (expected !== Number(code.at(-1))) {
    return { valid: false, reason: `the check digit should be ${expected}` };
  }
  return { valid: true, kind };
}

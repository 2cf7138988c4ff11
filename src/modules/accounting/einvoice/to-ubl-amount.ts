// Amounts and quantities as UBL writes them: every amount carries its currencyID, every quantity
// its unitCode, and values are written in their canonical spelling (see decimal-text.ts).

import { canonicalAmount, canonicalDecimal } from './decimal-text.ts';
import { leaf, type XmlElement } from './xml-writer.ts';

export function amountXml(
  name: string,
  value: string | null | undefined,
  currency: string,
): XmlElement | null {
  if (value === null || value === undefined) return null;
  return leaf(name, canonicalAmount(value, currency), { currencyID: currency });
}

export function decimalXml(
  name: string,
  value: string | null | undefined,
  attributes?: Record<string, string>,
) {
  if (value === null || value === undefined) return null;
  return leaf(name, canonicalDecimal(value), attributes);
}

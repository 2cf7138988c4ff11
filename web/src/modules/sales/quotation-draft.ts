// The quotation form's pure parts: blank lines, the request body, and errors placed by line key.

export type DraftLine = {
  key: string;
  variantId: string | null;
  /** The item's name and SKU as picked, so the picker shows it before any search. */
  label: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
};

export type QuotationHeader = {
  customerId: string | null;
  warehouseId: string | null;
  invoicePolicy: 'delivery' | 'order';
  customerReference: string;
  validUntil: string;
  note: string;
};

let lastKey = 0;
export function blankLine(): DraftLine {
  lastKey += 1;
  return {
    key: `l${lastKey}`,
    variantId: null,
    label: '',
    quantity: '1',
    unitPrice: '',
    discountPercent: '',
  };
}

const isBlank = (line: DraftLine) => line.variantId === null && line.unitPrice.trim() === '';
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The body to send, and the key of the line at each index of `lines` (blank lines left out). */
export function quotationRequest(header: QuotationHeader, lines: readonly DraftLine[]) {
  const sent = lines.filter((line) => !isBlank(line));
  const body = {
    customerId: header.customerId ?? '',
    warehouseId: header.warehouseId ?? '',
    invoicePolicy: header.invoicePolicy,
    customerReference: optional(header.customerReference) ?? null,
    validUntil: optional(header.validUntil) ?? null,
    note: optional(header.note) ?? null,
    lines: sent.map((line) => ({
      variantId: line.variantId ?? '',
      quantity: line.quantity.trim(),
      unitPrice: optional(line.unitPrice),
      discountPercent: optional(line.discountPercent),
    })),
  };
  return { body, keys: sent.map((line) => line.key) };
}

/** Errors keyed by body path (`lines.1.quantity`) re-keyed to the line sent there (`lines.l7.quantity`). */
export function errorsByLine(
  errors: Record<string, string>,
  keys: readonly string[],
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const match = /^lines\.(\d+)(\..+)?$/.exec(path);
    const key = match ? keys[Number(match[1])] : undefined;
    const target = match && key ? `lines.${key}${match[2] ?? ''}` : path;
    if (!(target in result)) result[target] = message;
  }
  return result;
}

/**
 * Sales refusals about one line carry no errors[] but start their detail with the line's path
 * ("lines.0: line 1 has 2 delivered…"): that message belongs beside the line.
 */
export function lineOfDetail(detail: string | undefined): { index: number; message: string } | null {
  const match = /^lines\.(\d+): (.+)$/s.exec(detail ?? '');
  return match ? { index: Number(match[1]), message: match[2]! } : null;
}

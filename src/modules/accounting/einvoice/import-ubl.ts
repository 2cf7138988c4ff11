// Importing a supplier's e-invoice: a UBL file becomes an InvoiceDocument (to make a draft bill
// from) only when it is well-formed UBL and breaks none of the EN 16931 rules (nor Peppol's, for a
// Peppol document when the validator has them). Warnings do not refuse a document.

import { AppError } from '../../../platform/errors.ts';
import type { InvoiceDocument } from '../documents/invoice-document.ts';
import { ublToInvoiceDocument } from './from-ubl.ts';
import { UBL_NS } from './ubl-names.ts';
import type { En16931Validator, RuleSet } from './validate.ts';
import { parseXmlTree, XmlSyntaxError } from './xml-tree.ts';

export type ImportRefusal = { id: string; text: string };
export type ImportUblResult = { document: InvoiceDocument } | { refused: ImportRefusal[] };
export type ImportUblOptions = { rules?: RuleSet; maxBytes?: number };

// The largest e-invoice we read: Peppol access points cap messages at 100 MB, but an invoice
// without attachments is tens of kilobytes, and attachments are not read here.
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

function structuralRefusal(xml: string, maxBytes: number): ImportRefusal | null {
  if (Buffer.byteLength(xml, 'utf8') > maxBytes)
    return { id: 'too-large', text: `The file is larger than ${maxBytes} bytes` };
  try {
    const root = parseXmlTree(xml);
    const isUbl =
      (root.ns === UBL_NS.invoice && root.local === 'Invoice') ||
      (root.ns === UBL_NS.creditNote && root.local === 'CreditNote');
    return isUbl
      ? null
      : {
          id: 'not-ubl',
          text: `The root element {${root.ns}}${root.local} is not a UBL Invoice or CreditNote`,
        };
  } catch (error) {
    if (error instanceof XmlSyntaxError) return { id: 'not-well-formed', text: error.message };
    throw error;
  }
}

// One refusal per rule: a rule that fails on four parties is one thing to fix.
function byRule(failures: { id: string; flag: string; text: string }[]): ImportRefusal[] {
  const refusals = new Map<string, ImportRefusal>();
  for (const failure of failures) {
    if (failure.flag !== 'warning' && !refusals.has(failure.id))
      refusals.set(failure.id, { id: failure.id, text: failure.text });
  }
  return [...refusals.values()];
}

/**
 * Reads a UBL Invoice or CreditNote after validating it (`rules: 'auto'` by default). Returns the
 * document, or the reasons it was refused: `not-well-formed`, `not-ubl`, `too-large`, the ids of
 * the broken rules (e.g. `BR-CO-16`), or an `accounting.einvoice_*` code when a valid document
 * holds something InvoiceDocument cannot carry.
 */
export async function importUbl(
  xml: string,
  validator: Pick<En16931Validator, 'validate'>,
  options: ImportUblOptions = {},
): Promise<ImportUblResult> {
  const refusal = structuralRefusal(xml, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (refusal) return { refused: [refusal] };
  const result = await validator.validate(xml, options.rules ?? 'auto');
  if (!result.valid) return { refused: byRule(result.failures) };
  try {
    return { document: ublToInvoiceDocument(xml) };
  } catch (error) {
    if (error instanceof AppError)
      return { refused: [{ id: error.code, text: error.detail ?? error.title }] };
    throw error;
  }
}

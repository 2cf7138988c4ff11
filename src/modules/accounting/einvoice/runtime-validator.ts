// The validator the running app checks imported e-invoices with: one per app, its compiled rules
// cached under the data directory (compiled on first use, ~1 min, then loaded in ~0.2 s).

import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../../platform/config.ts';
import type { InvoiceDocument } from '../documents/invoice-document.ts';
import { EinvoiceErrors } from './errors.ts';
import { importUbl } from './import-ubl.ts';
import type { En16931Validator } from './validate.ts';

/** The largest e-invoice the API takes: UBL without embedded attachments is tens of kilobytes. */
export const MAX_UBL_BYTES = 2 * 1024 * 1024;

/**
 * CEN rules always; Peppol's too when TANDEM_EINVOICE_PEPPOL_RULES names them. Without a
 * configuration (tools that build routes only) the cache is in the system's temporary directory.
 */
export function runtimeValidator(config: Config | undefined): En16931Validator {
  const options = {
    cacheDir: config
      ? path.join(config.dataDir, 'cache', 'einvoice')
      : path.join(os.tmpdir(), 'tandem-einvoice-sef'),
    peppolXsltPath: config?.einvoicePeppolRules ?? null,
  };
  // SaxonJS takes ~90 MB once loaded: only a server that validates an e-invoice pays for it.
  let loaded: Promise<En16931Validator> | undefined;
  const validator = () =>
    (loaded ??= import('./validate.ts').then((module) => module.createEn16931Validator(options)));
  return {
    validate: async (xml, rules) => (await validator()).validate(xml, rules),
    warmUp: async (rules) => (await validator()).warmUp(rules),
  };
}

/**
 * The document, when the XML is a UBL Invoice or CreditNote that breaks no rule (`auto`: CEN's,
 * and Peppol's for a Peppol document when they are configured). Otherwise refuses with
 * `accounting.einvoice_invalid`, one error per broken rule (`code` is the rule id).
 */
export async function validatedDocument(validator: En16931Validator, xml: string): Promise<InvoiceDocument> {
  const result = await importUbl(xml, validator, { rules: 'auto', maxBytes: MAX_UBL_BYTES });
  if ('document' in result) return result.document;
  throw EinvoiceErrors.einvoice_invalid(
    result.refused.map((refusal) => refusal.id).join(', '),
    result.refused.map((refusal) => ({ path: 'xml', code: refusal.id, message: refusal.text })),
  );
}

// What every part of the invoice PDF draws with: the document, the invoice, and how to word and
// format it.

import type { DocumentFormat } from './document-format.ts';
import type { InvoiceDocument } from './invoice-document.ts';
import type { Labels } from './invoice-labels.ts';
import type { Pdf } from './pdf-layout.ts';

export type InvoicePdf = {
  doc: Pdf;
  invoice: InvoiceDocument;
  format: DocumentFormat;
  labels: Labels;
  /** "Invoice", "Credit note", or the caller's own title. */
  title: string;
  logo: Buffer | null;
};

// Space between the blocks of the page, in points.
export const BLOCK_GAP = 18;

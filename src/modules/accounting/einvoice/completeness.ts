// What a document must hold before it goes out as an e-invoice, checked on our side so that the
// answer names what to fill in (the business terms, and where Tandem keeps them) rather than
// sending a document the receiver's validator refuses. The rules named are EN 16931's (BR-*) and
// Peppol's; the VAT directive (2006/112/EC, art. 226) asks for the seller's full address too.

import type { FieldError } from '../../../platform/errors.ts';
import type { InvoiceDocument } from '../documents/invoice-document.ts';
import type { UblProfile } from './ubl-names.ts';

type Gap = FieldError & { code: string };

const gap = (code: string, path: string, message: string): Gap => ({ code, path, message });

function sellerGaps(doc: InvoiceDocument, categories: Set<string>): Gap[] {
  const { seller } = doc;
  const gaps: Gap[] = [];
  if (!seller.address.countryCode)
    gaps.push(gap('BT-40', 'settings.countryCode', 'Seller country code (BT-40)'));
  if (!seller.address.lines[0]) gaps.push(gap('BT-35', 'settings.street', 'Seller address line (BT-35)'));
  if (!seller.address.city) gaps.push(gap('BT-37', 'settings.city', 'Seller city (BT-37)'));
  // BR-S-02 and its siblings for Z, E, AE, K, G: a taxed supply names the seller's VAT id.
  if (!seller.vatId && [...categories].some((category) => category !== 'O')) {
    gaps.push(gap('BT-31', 'settings.vatId', 'Seller VAT identifier (BT-31)'));
  }
  return gaps;
}

function buyerGaps(doc: InvoiceDocument, categories: Set<string>): Gap[] {
  const { buyer } = doc;
  const gaps: Gap[] = [];
  if (!buyer.address.countryCode)
    gaps.push(gap('BT-55', 'partner.address.countryCode', 'Buyer country code (BT-55)'));
  // BR-IC-02: an intra-community supply names the buyer's VAT id; BR-AE-02: a reverse charge
  // names it, or the buyer's legal registration id.
  if (categories.has('K') && !buyer.vatId)
    gaps.push(gap('BT-48', 'partner.taxId', 'Buyer VAT identifier (BT-48), for an intra-community supply'));
  if (categories.has('AE') && !buyer.vatId && !buyer.legalId) {
    gaps.push(
      gap(
        'BT-48',
        'partner.taxId',
        'Buyer VAT identifier (BT-48) or legal registration (BT-47), for a reverse charge',
      ),
    );
  }
  return gaps;
}

function peppolGaps(doc: InvoiceDocument): Gap[] {
  const gaps: Gap[] = [];
  if (!doc.seller.endpoint) {
    gaps.push(
      gap('BT-34', 'settings.peppolEndpointId', 'Seller electronic address (BT-34), PEPPOL-EN16931-R020'),
    );
  }
  if (!doc.buyerReference && !doc.orderReference) {
    gaps.push(
      gap(
        'BT-10',
        'invoice.buyerReference',
        'Buyer reference (BT-10) or order reference (BT-13), PEPPOL-EN16931-R003',
      ),
    );
  }
  return gaps;
}

/**
 * What the document lacks to be a valid EN 16931 (and, for `peppol`, Peppol BIS 3) e-invoice, as
 * business terms: `code` is the BT, `path` where Tandem keeps it. Empty when it is complete.
 */
export function einvoiceGaps(doc: InvoiceDocument, profile: UblProfile): FieldError[] {
  const categories = new Set(doc.vatBreakdown.map((row) => row.category));
  const gaps = [...sellerGaps(doc, categories), ...buyerGaps(doc, categories)];
  // BR-O-11 to BR-O-14: a supply outside the scope of VAT is invoiced on its own.
  if (categories.has('O') && categories.size > 1) {
    gaps.push(
      gap('BT-118', 'lines.taxIds', 'Lines not subject to VAT (O) on an invoice of their own, BR-O-11'),
    );
  }
  return profile === 'peppol' ? [...gaps, ...peppolGaps(doc)] : gaps;
}

import { Decimal } from 'decimal.js';
import type { Executor } from '../../../platform/db/database.ts';
import { formatCreditorReference } from '../../../shared/creditor-reference.ts';
import { fromMinor, toMinor } from '../../../shared/money.ts';
import { getParty, type Party } from '../../crm/index.ts';
import type { AccountingSettings } from '../contracts.ts';
import type {
  DocumentLine,
  DocumentParty,
  InvoiceDocument,
  VatBreakdown,
  VatCategoryCode,
} from '../documents/invoice-document.ts';
import { companyName, getSettings } from '../ledger/settings.ts';
import type { Invoice } from './contracts.ts';
import { getInvoice, invoiceRow } from './drafts.ts';

const OUTSIDE_SCOPE = 'Not subject to VAT';

function sellerParty(settings: AccountingSettings, companyName: string): DocumentParty {
  return {
    name: settings.legalName ?? companyName,
    tradingName: settings.legalName && settings.legalName !== companyName ? companyName : null,
    vatId: settings.vatId,
    legalId: settings.registrationId ? { id: settings.registrationId, scheme: null } : null,
    endpoint:
      settings.peppolEndpointId && settings.peppolEndpointScheme
        ? { id: settings.peppolEndpointId, scheme: settings.peppolEndpointScheme }
        : null,
    address: {
      lines: [settings.street, settings.street2].filter((l): l is string => !!l),
      city: settings.city,
      postalCode: settings.postalCode,
      countrySubdivision: settings.region,
      countryCode: settings.countryCode ?? 'ZZ',
    },
    contact:
      settings.email || settings.phone ? { name: null, phone: settings.phone, email: settings.email } : null,
  };
}

function partnerParty(partner: Party): DocumentParty {
  const address = partner.address;
  return {
    name: partner.name,
    tradingName: null,
    vatId: partner.taxId,
    legalId: partner.companyRegistrationId ? { id: partner.companyRegistrationId, scheme: null } : null,
    endpoint:
      partner.peppolEndpointId && partner.peppolEndpointScheme
        ? { id: partner.peppolEndpointId, scheme: partner.peppolEndpointScheme }
        : null,
    address: {
      lines: [address?.street, address?.street2].filter((l): l is string => !!l),
      city: address?.city ?? null,
      postalCode: address?.postalCode ?? null,
      countrySubdivision: address?.region ?? null,
      countryCode: address?.countryCode ?? 'ZZ',
    },
    contact:
      partner.email || partner.phone ? { name: null, phone: partner.phone, email: partner.email } : null,
  };
}

// A discount is shown as a line allowance off the list price, so quantity × price − allowance is
// the line's net exactly (EN 16931 BT-131).
function documentLine(line: Invoice['lines'][number], currency: string): DocumentLine {
  const grossMinor = toMinor(new Decimal(line.unitPrice).times(line.quantity), currency);
  const allowanceMinor = grossMinor - line.netMinor;
  const category = line.vatCategory as VatCategoryCode;
  return {
    id: String(line.lineNo),
    name: line.description,
    description: null,
    quantity: line.quantity,
    unitCode: line.unitCode,
    unitPrice: line.unitPrice,
    baseQuantity: null,
    netAmount: fromMinor(line.netMinor, currency),
    allowances:
      allowanceMinor > 0
        ? [
            {
              amount: fromMinor(allowanceMinor, currency),
              reason: `Discount ${line.discountPercent} %`,
              reasonCode: '95',
            },
          ]
        : [],
    charges: [],
    vat: { category, ratePercent: category === 'O' ? null : (line.vatRatePercent ?? '0') },
    sellerItemId: line.sku,
    standardItemId: line.gtin ? { id: line.gtin, scheme: '0160' } : null,
  };
}

// One breakdown row per VAT category and rate, from the invoice's frozen taxes; lines that carry no
// VAT at all fall under "not subject to VAT" (O).
function vatBreakdown(invoice: Invoice): VatBreakdown[] {
  const rows = new Map<string, VatBreakdown & { taxableMinor: number; taxMinor: number }>();
  const add = (
    category: string,
    rate: string | null,
    taxableMinor: number,
    taxMinor: number,
    reason: string | null,
    code: string | null,
  ) => {
    const key = `${category}|${rate ?? ''}`;
    const row = rows.get(key) ?? {
      category: category as VatCategoryCode,
      ratePercent: category === 'O' ? null : (rate ?? '0'),
      taxableAmount: '0',
      taxAmount: '0',
      exemptionReason: reason,
      exemptionReasonCode: code,
      taxableMinor: 0,
      taxMinor: 0,
    };
    row.taxableMinor += taxableMinor;
    row.taxMinor += taxMinor;
    rows.set(key, row);
  };
  for (const tax of invoice.taxes) {
    if (tax.ratePercent === null) continue; // fixed taxes are not VAT
    add(
      tax.vatCategory,
      tax.ratePercent,
      tax.baseMinor,
      tax.amountMinor,
      tax.exemptionReason,
      tax.exemptionReasonCode,
    );
  }
  for (const line of invoice.lines.filter((l) => l.vatCategory === 'O' && l.taxIds.length === 0)) {
    add('O', null, line.netMinor, 0, OUTSIDE_SCOPE, 'VATEX-EU-O');
  }
  return [...rows.values()].map(({ taxableMinor, taxMinor, ...row }) => ({
    ...row,
    taxableAmount: fromMinor(taxableMinor, invoice.currencyCode),
    taxAmount: fromMinor(taxMinor, invoice.currencyCode),
  }));
}

/** A posted invoice or credit note as a document, for its PDF and its UBL e-invoice. */
export async function invoiceDocument(db: Executor, companyId: string, id: string): Promise<InvoiceDocument> {
  const invoice = await getInvoice(db, companyId, id);
  const settings = await getSettings(db, companyId);
  const ourName = await companyName(db, companyId);
  const partner = await getParty(db, companyId, invoice.partnerId);
  const sale = invoice.kind === 'customer_invoice' || invoice.kind === 'customer_credit_note';
  const us = sellerParty(settings, ourName);
  const them = partnerParty(partner);
  const corrected = invoice.correctsInvoiceId
    ? await invoiceRow(db, companyId, invoice.correctsInvoiceId)
    : null;
  const money = (minor: number) => fromMinor(minor, invoice.currencyCode);
  const vat = vatBreakdown(invoice);
  const vatMinor = invoice.taxes
    .filter((t) => t.ratePercent !== null)
    .reduce((sum, t) => sum + t.amountMinor, 0);
  const paidMinor = invoice.totalMinor - invoice.amountDueMinor;
  return {
    kind: invoice.kind === 'customer_invoice' || invoice.kind === 'vendor_bill' ? 'invoice' : 'credit_note',
    number: invoice.number ?? `DRAFT-${invoice.id.slice(0, 8)}`,
    issueDate: invoice.invoiceDate ?? new Date().toISOString().slice(0, 10),
    dueDate: invoice.dueDate,
    deliveryDate: null,
    currency: invoice.currencyCode,
    buyerReference: invoice.buyerReference ?? invoice.reference ?? invoice.number,
    orderReference: invoice.reference,
    precedingInvoice: corrected?.number
      ? { number: corrected.number, issueDate: corrected.invoiceDate }
      : null,
    note: invoice.note,
    seller: sale ? us : them,
    buyer: sale ? them : us,
    payment: sale
      ? {
          meansCode: settings.iban ? '58' : '30',
          remittanceReference: invoice.creditorReference
            ? formatCreditorReference(invoice.creditorReference).replace(/ /g, '')
            : invoice.number,
          account: settings.iban ? { iban: settings.iban, name: us.name, bic: settings.bic } : null,
          terms: invoice.dueDate ? `Due ${invoice.dueDate}` : null,
        }
      : null,
    lines: invoice.lines.map((line) => documentLine(line, invoice.currencyCode)),
    allowances: [],
    charges: [],
    vatBreakdown: vat,
    totals: {
      lineNet: money(invoice.netMinor),
      allowances: null,
      charges: null,
      taxExclusive: money(invoice.netMinor),
      vat: money(vatMinor),
      taxInclusive: money(invoice.netMinor + vatMinor),
      prepaid: paidMinor > 0 && invoice.kind === 'customer_invoice' ? money(paidMinor) : null,
      rounding: null,
      payable: money(invoice.netMinor + vatMinor - (invoice.kind === 'customer_invoice' ? paidMinor : 0)),
    },
  };
}

// The parts of an InvoiceDocument built from Tandem's records: the parties, the lines with their
// discounts, the document-level allowances and charges, and the VAT breakdown.

import { Decimal } from 'decimal.js';
import { normaliseIban } from '../../../shared/iban.ts';
import { fromMinor, toMinor } from '../../../shared/money.ts';
import type { Party } from '../../crm/index.ts';
import type { AccountingSettings } from '../contracts.ts';
import type {
  DocumentAddress,
  DocumentAllowanceCharge,
  DocumentLine,
  DocumentParty,
  VatBreakdown,
  VatCategoryCode,
} from '../documents/invoice-document.ts';
import type { Invoice } from './contracts.ts';

type InvoiceLine = Invoice['lines'][number];
/** What a printed line needs: an invoice's line, or a quotation's priced the same way. */
export type PrintableLine = Pick<
  InvoiceLine,
  | 'lineNo'
  | 'description'
  | 'quantity'
  | 'unitCode'
  | 'unitPrice'
  | 'baseQuantity'
  | 'discountPercent'
  | 'netMinor'
  | 'statedNet'
  | 'vatCategory'
  | 'vatRatePercent'
  | 'sku'
  | 'gtin'
  | 'taxIds'
>;
type PrintableTax = Pick<
  Invoice['taxes'][number],
  | 'taxId'
  | 'vatCategory'
  | 'ratePercent'
  | 'exemptionReason'
  | 'exemptionReasonCode'
  | 'baseMinor'
  | 'amountMinor'
>;

// A missing country stays empty rather than becoming a made-up code: the PDF prints nothing, and
// the e-invoice export refuses with the business terms that are missing (see einvoice-gaps.ts).
function address(fields: {
  street?: string | null;
  street2?: string | null;
  city?: string | null;
  postalCode?: string | null;
  region?: string | null;
  countryCode?: string | null;
}): DocumentAddress {
  return {
    lines: [fields.street, fields.street2].filter((l): l is string => !!l),
    city: fields.city ?? null,
    postalCode: fields.postalCode ?? null,
    countrySubdivision: fields.region ?? null,
    countryCode: fields.countryCode ?? '',
  };
}

const endpointOf = (id: string | null, scheme: string | null) => (id && scheme ? { id, scheme } : null);

export function sellerParty(settings: AccountingSettings, companyName: string): DocumentParty {
  return {
    name: settings.legalName ?? companyName,
    tradingName: settings.legalName && settings.legalName !== companyName ? companyName : null,
    vatId: settings.vatId,
    legalId: settings.registrationId ? { id: settings.registrationId, scheme: null } : null,
    endpoint: endpointOf(settings.peppolEndpointId, settings.peppolEndpointScheme),
    address: address(settings),
    contact:
      settings.email || settings.phone ? { name: null, phone: settings.phone, email: settings.email } : null,
  };
}

export function partnerParty(partner: Party): DocumentParty {
  return {
    name: partner.name,
    tradingName: null,
    vatId: partner.taxId,
    legalId: partner.companyRegistrationId ? { id: partner.companyRegistrationId, scheme: null } : null,
    endpoint: endpointOf(partner.peppolEndpointId, partner.peppolEndpointScheme),
    address: address(partner.address ?? {}),
    contact:
      partner.email || partner.phone ? { name: null, phone: partner.phone, email: partner.email } : null,
  };
}

/** The payee account as a document writes it: the IBAN without spaces (BT-84). */
export function payeeAccount(settings: AccountingSettings, name: string) {
  return settings.iban ? { iban: normaliseIban(settings.iban), name, bic: settings.bic } : null;
}

const vatOf = (line: Pick<InvoiceLine, 'vatCategory' | 'vatRatePercent'>) => {
  const category = line.vatCategory as VatCategoryCode;
  return { category, ratePercent: category === 'O' ? null : (line.vatRatePercent ?? '0') };
};

// A discount shows as a line allowance off the list price, so quantity × price − allowance is the
// line's net exactly (BT-131). A price that includes its taxes is not a net price (BT-146): the
// line then shows the net unit price, its discount within it. A supplier's line keeps the net
// its document stated, with no allowance made up to explain it.
export function documentLine(line: PrintableLine, currency: string, taxIncluded: boolean): DocumentLine {
  const base = line.baseQuantity ?? '1';
  const grossMinor = toMinor(new Decimal(line.unitPrice).times(line.quantity).div(base), currency);
  const allowanceMinor = grossMinor - line.netMinor;
  const netPrice = new Decimal(fromMinor(line.netMinor, currency)).div(line.quantity).times(base);
  return {
    id: String(line.lineNo),
    name: line.description,
    description: null,
    quantity: line.quantity,
    unitCode: line.unitCode,
    unitPrice: taxIncluded ? netPrice.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toString() : line.unitPrice,
    baseQuantity: line.baseQuantity,
    netAmount: fromMinor(line.netMinor, currency),
    allowances:
      !taxIncluded && line.statedNet === null && allowanceMinor > 0
        ? [
            {
              amount: fromMinor(allowanceMinor, currency),
              reason: `Discount ${line.discountPercent} %`,
              reasonCode: '95',
            },
          ]
        : [],
    charges: [],
    vat: vatOf(line),
    sellerItemId: line.sku,
    standardItemId: line.gtin ? { id: line.gtin, scheme: '0160' } : null,
  };
}

/** An allowance or charge line as a document-level allowance (BG-20) or charge (BG-21). */
export function allowanceOrCharge(line: InvoiceLine, currency: string): DocumentAllowanceCharge {
  const amountMinor = line.kind === 'allowance' ? -line.netMinor : line.netMinor;
  return {
    amount: fromMinor(amountMinor, currency),
    reason: line.description,
    reasonCode: null,
    vat: vatOf(line),
  };
}

// Categories whose breakdown carries no exemption reason (BR-S-10, BR-Z-10, BR-AF-10, BR-AG-10).
const TAXED: ReadonlySet<string> = new Set(['S', 'Z', 'L', 'M']);

type Row = VatBreakdown & { taxableMinor: number; taxMinor: number };

function addTo(rows: Map<string, Row>, entry: Omit<Row, 'taxableAmount' | 'taxAmount'>): void {
  const key = `${entry.category}|${entry.ratePercent ?? ''}`;
  const row = rows.get(key);
  if (!row) {
    rows.set(key, { ...entry, taxableAmount: '', taxAmount: '' });
    return;
  }
  row.taxableMinor += entry.taxableMinor;
  row.taxMinor += entry.taxMinor;
}

/**
 * One breakdown row per VAT category and rate, from the invoice's frozen taxes (fixed taxes are
 * not VAT); lines that carry no VAT at all fall under "not subject to VAT" (O).
 */
export function vatBreakdown(invoice: {
  currencyCode: string;
  taxes: PrintableTax[];
  lines: PrintableLine[];
}): VatBreakdown[] {
  const rows = new Map<string, Row>();
  const percentTaxIds = new Set(invoice.taxes.filter((t) => t.ratePercent !== null).map((t) => t.taxId));
  for (const tax of invoice.taxes.filter((t) => t.ratePercent !== null)) {
    const category = tax.vatCategory as VatCategoryCode;
    addTo(rows, {
      category,
      ratePercent: category === 'O' ? null : tax.ratePercent,
      exemptionReason: TAXED.has(category) ? null : tax.exemptionReason,
      exemptionReasonCode: TAXED.has(category) ? null : tax.exemptionReasonCode,
      taxableMinor: tax.baseMinor,
      taxMinor: tax.amountMinor,
    });
  }
  for (const line of invoice.lines.filter((l) => !l.taxIds.some((id) => percentTaxIds.has(id)))) {
    addTo(rows, {
      category: 'O',
      ratePercent: null,
      exemptionReason: 'Not subject to VAT',
      exemptionReasonCode: 'VATEX-EU-O',
      taxableMinor: line.netMinor,
      taxMinor: 0,
    });
  }
  return [...rows.values()].map(({ taxableMinor, taxMinor, ...row }) => ({
    ...row,
    taxableAmount: fromMinor(taxableMinor, invoice.currencyCode),
    taxAmount: fromMinor(taxMinor, invoice.currencyCode),
  }));
}

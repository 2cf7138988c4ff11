// An invoice or credit note as a document: what is printed on the PDF and carried by the UBL
// e-invoice, in the terms of EN 16931 (BT-n are its business terms). It is built from a posted
// invoice (export) or read from a supplier's UBL file (import, to make a draft bill), and holds no
// database ids. Amounts are decimal strings in the document currency with the currency's decimals
// (e.g. "1234.50"); quantities, unit prices and rates are decimal strings too. Never floats.

/** EN 16931 VAT category codes (UNCL 5305 subset): standard, zero, exempt, reverse charge, intra-EU, export, outside scope, Canary Islands, Ceuta/Melilla. */
export type VatCategoryCode = 'S' | 'Z' | 'E' | 'AE' | 'K' | 'G' | 'O' | 'L' | 'M';

export type DocumentAddress = {
  /** BT-35/36/162 (seller) or BT-50/51/163 (buyer): street lines, at most three. */
  lines: string[];
  city: string | null;
  postalCode: string | null;
  /** BT-39 / BT-54 */
  countrySubdivision: string | null;
  /** ISO 3166-1 alpha-2, BT-40 / BT-55. */
  countryCode: string;
};

export type DocumentParty = {
  /** Legal name, BT-27 / BT-44. */
  name: string;
  /** BT-28 / BT-45 */
  tradingName: string | null;
  /** VAT identifier with its country prefix, BT-31 / BT-48. */
  vatId: string | null;
  /** Legal registration id (company number), BT-30 / BT-47, with its ISO 6523 scheme when known. */
  legalId: { id: string; scheme: string | null } | null;
  /** Electronic address (Peppol participant id), BT-34 / BT-49, with its EAS scheme (e.g. 0088, 9930). */
  endpoint: { id: string; scheme: string } | null;
  address: DocumentAddress;
  contact: { name: string | null; phone: string | null; email: string | null } | null;
};

export type DocumentLine = {
  /** BT-126: the line's identifier within the document ("1", "2", …). */
  id: string;
  /** BT-153 */
  name: string;
  /** BT-154 */
  description: string | null;
  /** BT-129, negative on a correcting line. */
  quantity: string;
  /** BT-130, UN/ECE Recommendation 20 (or 21) code, e.g. "C62", "H87", "KGM". */
  unitCode: string;
  /** Net unit price after any price discount, BT-146. */
  unitPrice: string;
  /** BT-149, the quantity the unit price is for (1 when absent). */
  baseQuantity: string | null;
  /** Line net amount = quantity × unit price / base quantity − line allowances + charges, BT-131. */
  netAmount: string;
  /** Line-level allowances (discounts, BG-27) and charges (BG-28); amounts are positive. */
  allowances: DocumentAllowanceCharge[];
  charges: DocumentAllowanceCharge[];
  /** BT-151 and BT-152 (null rate for categories without one, such as O). */
  vat: { category: VatCategoryCode; ratePercent: string | null };
  /** Seller's item id (SKU), BT-155. */
  sellerItemId: string | null;
  /** Standard item id (GTIN with scheme 0160), BT-157. */
  standardItemId: { id: string; scheme: string } | null;
};

export type DocumentAllowanceCharge = {
  amount: string;
  /** Reason text (BT-97/104/139/144) and code (UNCL 5189 for allowances, 7161 for charges). */
  reason: string | null;
  reasonCode: string | null;
  /** Only on document-level allowances and charges (BT-95/102): the VAT they fall under. */
  vat?: { category: VatCategoryCode; ratePercent: string | null };
};

export type VatBreakdown = {
  category: VatCategoryCode;
  /** BT-119 (null for O). */
  ratePercent: string | null;
  /** BT-116 */
  taxableAmount: string;
  /** BT-117 */
  taxAmount: string;
  /** BT-120 / BT-121, required for E, AE, K, G, O. */
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
};

export type DocumentTotals = {
  /** Σ line net amounts, BT-106. */
  lineNet: string;
  /** Σ document-level allowances, BT-107 (null when there are none). */
  allowances: string | null;
  /** Σ document-level charges, BT-108. */
  charges: string | null;
  /** BT-109 */
  taxExclusive: string;
  /** BT-110, in the document currency. */
  vat: string;
  /** BT-112 */
  taxInclusive: string;
  /** BT-113 */
  prepaid: string | null;
  /** BT-114 */
  rounding: string | null;
  /** BT-115 */
  payable: string;
};

export type DocumentPayment = {
  /** UNCL 4461 payment means code, BT-81: 30 credit transfer, 58 SEPA credit transfer, 10 cash, 48 card, 49 direct debit. */
  meansCode: string;
  /** BT-83, the creditor reference the payer quotes (an ISO 11649 RF reference on our invoices). */
  remittanceReference: string | null;
  /** Payee account, BT-84 (IBAN), BT-85, BT-86 (BIC). */
  account: { iban: string; name: string | null; bic: string | null } | null;
  /** BT-20, in words ("30 days net"). */
  terms: string | null;
};

export type InvoiceDocument = {
  /** 380 commercial invoice or 381 credit note (BT-3). */
  kind: 'invoice' | 'credit_note';
  /** BT-1 */
  number: string;
  /** BT-2, YYYY-MM-DD. */
  issueDate: string;
  /** BT-9, YYYY-MM-DD. */
  dueDate: string | null;
  /** BT-7 / BT-72: the tax point or delivery date, when it differs from the issue date. */
  deliveryDate: string | null;
  /** ISO 4217, BT-5. */
  currency: string;
  /** BT-10; Peppol requires either this or the order reference. */
  buyerReference: string | null;
  /** BT-13 */
  orderReference: string | null;
  /** BG-3: the invoice a credit note corrects. */
  precedingInvoice: { number: string; issueDate: string | null } | null;
  /** BT-22 */
  note: string | null;
  seller: DocumentParty;
  buyer: DocumentParty;
  payment: DocumentPayment | null;
  lines: DocumentLine[];
  /** Document-level allowances (BG-20) and charges (BG-21). */
  allowances: DocumentAllowanceCharge[];
  charges: DocumentAllowanceCharge[];
  vatBreakdown: VatBreakdown[];
  totals: DocumentTotals;
};

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
  // Optional so that documents built before it existed stay valid: BR-S-02 and its siblings accept
  // a tax registration id in place of a VAT id, which small sellers often have instead.
  /** Seller tax registration id (not a VAT id), BT-32. */
  taxRegistrationId?: string | null;
  // Optional: BR-CO-26 accepts a seller identifier in place of a VAT or registration id, which
  // public bodies without either use.
  /** Party identifiers, BT-29 (seller, repeats; scheme "SEPA" is the creditor id BT-90) / BT-46 (buyer). */
  identifiers?: { id: string; scheme: string | null }[];
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
  // Optional: the base and percentage a reader may recompute the amount from (Peppol R040-R042
  // require both or neither, and amount = base × percent / 100).
  /** BT-93/100/137/142 */
  baseAmount?: string | null;
  /** BT-94/101/138/143 */
  percent?: string | null;
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
  // Optional: Peppol refuses a direct debit (means 49 or 59) without its mandate (PEPPOL-EN16931-R061).
  /** Direct debit: mandate reference BT-89 and debited account BT-91. */
  directDebit?: { mandateId: string; debitedAccount: string | null } | null;
};

// The optional parts below were added for the UBL e-invoice; a document without them is what it was.

/** Seller tax representative, BG-11: required where the seller has no VAT id of its own in the buyer's country. */
export type DocumentTaxRepresentative = {
  /** BT-62 */
  name: string;
  /** BT-63 */
  vatId: string;
  address: DocumentAddress;
};

/** Deliver-to information, BG-13/BG-15: an intra-community supply (K) must name the country delivered to (BR-IC-12). */
export type DocumentDelivery = {
  /** BT-70 */
  partyName: string | null;
  /** BT-71, with its scheme (e.g. a GLN with 0088). */
  locationId: { id: string; scheme: string | null } | null;
  /** BG-15 */
  address: DocumentAddress | null;
};

export type InvoiceDocument = {
  /** 380 commercial invoice or 381 credit note (BT-3). */
  kind: 'invoice' | 'credit_note';
  /** The exact UNCL 1001 code of BT-3 when it is not the default of its kind (e.g. 384 corrected invoice, 389 self-billed). */
  typeCode?: string | null;
  /** BT-23, the business process (cbc:ProfileID), when the document names one; Peppol exports write Peppol's. */
  businessProcess?: string | null;
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
  /** Invoicing period, BG-14 (BT-73, BT-74), YYYY-MM-DD; K needs it or the delivery date (BR-IC-11). */
  invoicePeriod?: { start: string | null; end: string | null } | null;
  delivery?: DocumentDelivery | null;
  taxRepresentative?: DocumentTaxRepresentative | null;
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

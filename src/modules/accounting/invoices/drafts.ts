import { and, asc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { diffRecords } from '../../../platform/audit/changes.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { escapeLike } from '../../../platform/db/like.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { PlatformErrors } from '../../../platform/errors.ts';
import { keysetPage, type Page } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { fromMinor, isKnownCurrency } from '../../../shared/money.ts';
import type { TaxRounding } from '../../../shared/tax.ts';
import { getParty } from '../../crm/index.ts';
import { AccountingErrors } from '../errors.ts';
import { InvoiceSaved } from '../events.ts';
import { getJournal, journalOfType } from '../ledger/journals.ts';
import { getSettings } from '../ledger/settings.ts';
import { itemsByLine } from '../matching/allocations.ts';
import { kindTraits } from './compute.ts';
import type { CreateInvoiceInput, Invoice, UpdateInvoiceInput } from './contracts.ts';
import { type DraftLineInput, draftLines, lineInputOf, writeLines } from './draft-lines.ts';
import {
  accountingInvoiceLines,
  accountingInvoices,
  accountingInvoiceTaxes,
  type InvoiceKind,
} from './schema.ts';

type InvoiceRow = typeof accountingInvoices.$inferSelect;
type LineRow = typeof accountingInvoiceLines.$inferSelect;
type TaxRow = typeof accountingInvoiceTaxes.$inferSelect;

async function checkPartner(tx: Tx, partnerId: string, kind: InvoiceKind) {
  const partner = await getParty(tx.db, tx.ctx.companyId, partnerId);
  const role = kindTraits(kind).partnerRole;
  if (role === 'customer' ? !partner.isCustomer : !partner.isSupplier) {
    throw AccountingErrors.invoice_partner_invalid(`${partner.name} is not a ${role}`);
  }
  return partner;
}

async function resolveJournal(tx: Tx, kind: InvoiceKind, journalId: string | undefined) {
  const type = kindTraits(kind).scope === 'sale' ? 'sale' : 'purchase';
  if (!journalId) return journalOfType(tx.db, tx.ctx.companyId, type);
  const journal = await getJournal(tx.db, tx.ctx.companyId, journalId);
  if (journal.type !== type)
    throw AccountingErrors.journal_type_invalid(`journal ${journal.code} is not a ${type} journal`);
  return journal;
}

async function checkCorrection(tx: Tx, kind: InvoiceKind, partnerId: string, correctsInvoiceId: string) {
  const target = await invoiceRow(tx.db, tx.ctx.companyId, correctsInvoiceId);
  if (
    kindTraits(kind).correctsKind !== target.kind ||
    target.state !== 'posted' ||
    target.partnerId !== partnerId
  ) {
    throw AccountingErrors.invoice_correction_invalid(
      `${target.number ?? target.id} is a ${target.state} ${target.kind} of another or the same partner`,
    );
  }
}

/** A new draft as the service takes it: the API's input, plus what an imported document brings. */
export type NewInvoice = Omit<CreateInvoiceInput, 'lines'> & {
  lines: DraftLineInput[];
  /** What it was made from (a sales order, an imported e-invoice): made once per source. */
  sourceType?: string | null;
  sourceId?: string | null;
  sourceFileKey?: string | null;
  /** Null follows the company setting. */
  taxRounding?: TaxRounding | null;
  /** BT-113 and BT-114 of an imported document. */
  prepaidMinor?: number | null;
  roundingMinor?: number | null;
};

export async function createInvoice(tx: Tx, input: NewInvoice): Promise<Invoice> {
  const { companyId } = tx.ctx;
  const settings = await getSettings(tx.db, companyId);
  await checkPartner(tx, input.partnerId, input.kind);
  const journal = await resolveJournal(tx, input.kind, input.journalId);
  const currency = input.currencyCode ?? settings.currencyCode;
  if (!isKnownCurrency(currency))
    throw AccountingErrors.currency_invalid(`${currency} is not an ISO 4217 currency`);
  if (input.correctsInvoiceId)
    await checkCorrection(tx, input.kind, input.partnerId, input.correctsInvoiceId);
  const rounding = input.taxRounding ?? settings.taxRounding;
  const computed = await draftLines(tx, input.kind, currency, input.lines, rounding);
  const id = newId();
  await tx.db.insert(accountingInvoices).values({
    companyId,
    id,
    kind: input.kind,
    partnerId: input.partnerId,
    journalId: journal.id,
    invoiceDate: input.invoiceDate ?? null,
    dueDate: input.dueDate ?? null,
    paymentTermDays: input.paymentTermDays ?? null,
    currencyCode: currency,
    reference: input.reference ?? null,
    buyerReference: input.buyerReference ?? null,
    note: input.note ?? null,
    correctsInvoiceId: input.correctsInvoiceId ?? null,
    sourceType: input.sourceType ?? null,
    sourceId: input.sourceId ?? null,
    sourceFileKey: input.sourceFileKey ?? null,
    taxRounding: input.taxRounding ?? null,
    prepaidMinor: input.prepaidMinor ?? null,
    roundingMinor: input.roundingMinor ?? null,
    ...computed.totals,
    createdBy: tx.ctx.actor.id,
    updatedBy: tx.ctx.actor.id,
  });
  await writeLines(tx, id, computed, false);
  const invoice = await getInvoice(tx.db, companyId, id);
  tx.audit('accounting.invoice', id, 'create', diffRecords(null, summary(invoice)));
  await tx.emit(InvoiceSaved, id, {
    invoiceId: id,
    kind: invoice.kind,
    state: invoice.state,
    totalMinor: invoice.totalMinor,
  });
  return invoice;
}

export async function updateInvoice(tx: Tx, id: string, input: UpdateInvoiceInput): Promise<Invoice> {
  const { companyId } = tx.ctx;
  const before = await getInvoice(tx.db, companyId, id);
  if (before.state !== 'draft')
    throw AccountingErrors.invoice_not_draft(`invoice ${before.number} is ${before.state}`);
  if (input.version !== before.version) {
    throw PlatformErrors.version_conflict(
      `invoice ${id} is at version ${before.version}, not ${input.version}`,
    );
  }
  const { version, lines, journalId, ...header } = input;
  if (header.partnerId) await checkPartner(tx, header.partnerId, before.kind);
  const journal = journalId ? await resolveJournal(tx, before.kind, journalId) : null;
  const currency = header.currencyCode ?? before.currencyCode;
  if (!isKnownCurrency(currency))
    throw AccountingErrors.currency_invalid(`${currency} is not an ISO 4217 currency`);
  const existing = lines ?? before.lines.map(lineInputOf);
  const rounding = before.taxRounding ?? (await getSettings(tx.db, companyId)).taxRounding;
  const computed = await draftLines(tx, before.kind, currency, existing, rounding);
  const [updated] = await tx.db
    .update(accountingInvoices)
    .set({
      ...Object.fromEntries(Object.entries(header).filter(([, value]) => value !== undefined)),
      ...(journal ? { journalId: journal.id } : {}),
      ...computed.totals,
      version: version + 1,
      updatedAt: new Date(),
      updatedBy: tx.ctx.actor.id,
    })
    .where(
      and(
        eq(accountingInvoices.companyId, companyId),
        eq(accountingInvoices.id, id),
        eq(accountingInvoices.version, version),
      ),
    )
    .returning({ id: accountingInvoices.id });
  if (!updated) throw PlatformErrors.version_conflict(`invoice ${id} was changed meanwhile`);
  await writeLines(tx, id, computed, true);
  const after = await getInvoice(tx.db, companyId, id);
  tx.audit('accounting.invoice', id, 'update', diffRecords(summary(before), summary(after)));
  await tx.emit(InvoiceSaved, id, {
    invoiceId: id,
    kind: after.kind,
    state: after.state,
    totalMinor: after.totalMinor,
  });
  return after;
}

/** What the audit log keeps of an invoice: its header and totals, lines by count and total. */
export function summary(invoice: Invoice) {
  const { lines, taxes, amountDue, amountDueMinor, paymentState, ...header } = invoice;
  return { ...header, lineCount: lines.length };
}

export async function invoiceRow(db: Executor, companyId: string, id: string): Promise<InvoiceRow> {
  const [row] = await db
    .select()
    .from(accountingInvoices)
    .where(and(eq(accountingInvoices.companyId, companyId), eq(accountingInvoices.id, id)));
  if (!row) throw AccountingErrors.invoice_not_found(`no invoice has the id ${id}`);
  return row;
}

// Trims NUMERIC's trailing zeros ("2.500000" → "2.5") for display and documents.
const plain = (value: string) => (value.includes('.') ? value.replace(/\.?0+$/, '') : value);

async function toInvoices(db: Executor, companyId: string, rows: InvoiceRow[]): Promise<Invoice[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .select()
    .from(accountingInvoiceLines)
    .where(
      and(
        eq(accountingInvoiceLines.companyId, companyId),
        inArray(
          accountingInvoiceLines.invoiceId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(accountingInvoiceLines.invoiceId), asc(accountingInvoiceLines.lineNo));
  const taxRows = await db
    .select()
    .from(accountingInvoiceTaxes)
    .where(
      and(
        eq(accountingInvoiceTaxes.companyId, companyId),
        inArray(
          accountingInvoiceTaxes.invoiceId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(accountingInvoiceTaxes.invoiceId), asc(accountingInvoiceTaxes.position));
  const items = await itemsByLine(
    db,
    companyId,
    rows.flatMap((r) => (r.openItemLineId ? [r.openItemLineId] : [])),
  );
  return rows.map((row) => {
    const item = row.openItemLineId ? items.get(row.openItemLineId) : undefined;
    // The open item holds what is owed, rounding included; a negative document's item sits on the
    // other side, and its residual (a magnitude) keeps the document's sign.
    const openMinor = row.totalMinor + (row.roundingMinor ?? 0);
    const residualMinor = item ? Math.sign(openMinor) * item.residualCurrencyMinor : 0;
    const dueMinor = row.state === 'draft' ? openMinor : residualMinor;
    return toInvoice(
      row,
      lines.filter((line) => line.invoiceId === row.id),
      dueMinor,
      taxRows.filter((tax) => tax.invoiceId === row.id).map((tax) => toTax(tax, row.currencyCode)),
    );
  });
}

function toTax(tax: TaxRow, currency: string): Invoice['taxes'][number] {
  return {
    taxId: tax.taxId,
    code: tax.code,
    name: tax.name,
    vatCategory: tax.vatCategory,
    ratePercent: tax.ratePercent === null ? null : plain(tax.ratePercent),
    exemptionReason: tax.exemptionReason,
    exemptionReasonCode: tax.exemptionReasonCode,
    accountId: tax.accountId,
    base: fromMinor(tax.baseMinor, currency),
    amount: fromMinor(tax.amountMinor, currency),
    baseMinor: tax.baseMinor,
    amountMinor: tax.amountMinor,
  };
}

function toLine(line: LineRow, currency: string): Invoice['lines'][number] {
  const money = (minor: number) => fromMinor(minor, currency);
  return {
    id: line.id,
    lineNo: line.lineNo,
    kind: line.kind,
    description: line.description,
    quantity: plain(line.quantity),
    unitCode: line.unitCode,
    unitPrice: plain(line.unitPrice),
    baseQuantity: line.baseQuantity === null ? null : plain(line.baseQuantity),
    discountPercent: plain(line.discountPercent),
    accountId: line.accountId,
    taxIds: line.taxIds,
    vatCategory: line.vatCategory,
    vatRatePercent: line.vatRatePercent === null ? null : plain(line.vatRatePercent),
    variantId: line.variantId,
    sku: line.sku,
    gtin: line.gtin,
    net: money(line.netMinor),
    tax: money(line.taxMinor),
    netMinor: line.netMinor,
    taxMinor: line.taxMinor,
    statedNet: line.statedNetMinor === null ? null : money(line.statedNetMinor),
  };
}

// EN 16931's split of the net: item lines (BT-106), allowances (BT-107) and charges (BT-108),
// the last two null when the invoice has none, as a document leaves them out.
function netParts(lines: LineRow[]) {
  const sumOf = (kind: string) =>
    lines.filter((line) => line.kind === kind).reduce((sum, line) => sum + line.netMinor, 0);
  const has = (kind: string) => lines.some((line) => line.kind === kind);
  return {
    lineNetMinor: sumOf('item'),
    allowanceMinor: has('allowance') ? -sumOf('allowance') : null,
    chargeMinor: has('charge') ? sumOf('charge') : null,
  };
}

function paymentStateOf(row: InvoiceRow, dueMinor: number): Invoice['paymentState'] {
  if (row.state === 'draft') return 'not_due';
  if (dueMinor === 0) return 'paid';
  return Math.abs(dueMinor) < Math.abs(row.totalMinor + (row.roundingMinor ?? 0)) ? 'partial' : 'unpaid';
}

function toInvoice(row: InvoiceRow, lines: LineRow[], dueMinor: number, taxes: Invoice['taxes']): Invoice {
  const money = (minor: number) => fromMinor(minor, row.currencyCode);
  const optional = (minor: number | null) => (minor === null ? null : money(minor));
  const parts = netParts(lines);
  const payableMinor = row.totalMinor - (row.prepaidMinor ?? 0) + (row.roundingMinor ?? 0);
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    paymentState: paymentStateOf(row, dueMinor),
    number: row.number,
    partnerId: row.partnerId,
    journalId: row.journalId,
    invoiceDate: row.invoiceDate,
    dueDate: row.dueDate,
    paymentTermDays: row.paymentTermDays,
    currencyCode: row.currencyCode,
    exchangeRate: row.exchangeRate,
    reference: row.reference,
    buyerReference: row.buyerReference,
    note: row.note,
    creditorReference: row.creditorReference,
    correctsInvoiceId: row.correctsInvoiceId,
    entryId: row.entryId,
    taxRounding: row.taxRounding,
    lineNet: money(parts.lineNetMinor),
    allowanceTotal: optional(parts.allowanceMinor),
    chargeTotal: optional(parts.chargeMinor),
    net: money(row.netMinor),
    tax: money(row.taxMinor),
    total: money(row.totalMinor),
    prepaid: optional(row.prepaidMinor),
    rounding: optional(row.roundingMinor),
    payable: money(payableMinor),
    amountDue: money(dueMinor),
    netMinor: row.netMinor,
    taxMinor: row.taxMinor,
    totalMinor: row.totalMinor,
    prepaidMinor: row.prepaidMinor,
    roundingMinor: row.roundingMinor,
    payableMinor,
    amountDueMinor: dueMinor,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    sourceFileKey: row.sourceFileKey,
    lines: lines.map((line) => toLine(line, row.currencyCode)),
    taxes,
    version: row.version,
  };
}

export async function getInvoice(db: Executor, companyId: string, id: string): Promise<Invoice> {
  const [invoice] = await toInvoices(db, companyId, [await invoiceRow(db, companyId, id)]);
  return invoice!;
}

export type InvoiceListQuery = {
  limit: number;
  cursor?: string | undefined;
  sort: string;
  kind?: InvoiceKind | undefined;
  state?: 'draft' | 'posted' | 'cancelled' | undefined;
  partnerId?: string | undefined;
  q?: string | undefined;
};

export async function listInvoices(
  db: Executor,
  companyId: string,
  query: InvoiceListQuery,
): Promise<Page<Invoice>> {
  const paging = keysetPage<InvoiceRow>(
    query,
    { createdAt: accountingInvoices.createdAt, updatedAt: accountingInvoices.updatedAt },
    accountingInvoices.id,
    (row, field) => row[field as 'createdAt' | 'updatedAt'],
    (row) => row.id,
  );
  const filters: (SQL | undefined)[] = [
    eq(accountingInvoices.companyId, companyId),
    query.kind ? eq(accountingInvoices.kind, query.kind) : undefined,
    query.state ? eq(accountingInvoices.state, query.state) : undefined,
    query.partnerId ? eq(accountingInvoices.partnerId, query.partnerId) : undefined,
    query.q
      ? or(
          ilike(accountingInvoices.number, `%${escapeLike(query.q)}%`),
          ilike(accountingInvoices.reference, `%${escapeLike(query.q)}%`),
        )
      : undefined,
    paging.where,
  ];
  const rows = await db
    .select()
    .from(accountingInvoices)
    .where(and(...filters))
    .orderBy(...paging.orderBy)
    .limit(paging.fetchLimit);
  const page = paging.page(rows);
  return { data: await toInvoices(db, companyId, page.data), page: page.page };
}

export async function deleteDraft(tx: Tx, id: string): Promise<void> {
  const invoice = await getInvoice(tx.db, tx.ctx.companyId, id);
  if (invoice.state !== 'draft')
    throw AccountingErrors.invoice_not_draft(`invoice ${invoice.number} is ${invoice.state}`);
  await tx.db
    .delete(accountingInvoiceTaxes)
    .where(
      and(eq(accountingInvoiceTaxes.companyId, tx.ctx.companyId), eq(accountingInvoiceTaxes.invoiceId, id)),
    );
  await tx.db
    .delete(accountingInvoiceLines)
    .where(
      and(eq(accountingInvoiceLines.companyId, tx.ctx.companyId), eq(accountingInvoiceLines.invoiceId, id)),
    );
  await tx.db
    .delete(accountingInvoices)
    .where(and(eq(accountingInvoices.companyId, tx.ctx.companyId), eq(accountingInvoices.id, id)));
  tx.audit('accounting.invoice', id, 'delete', diffRecords(summary(invoice), null));
  await tx.emit(InvoiceSaved, id, {
    invoiceId: id,
    kind: invoice.kind,
    state: 'deleted',
    totalMinor: invoice.totalMinor,
  });
}

/** The invoices another module made for a record of its own (source ids starting with `prefix`), oldest first. */
export async function invoiceIdsForSource(
  db: Executor,
  companyId: string,
  sourceType: string,
  prefix: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: accountingInvoices.id })
    .from(accountingInvoices)
    .where(
      and(
        eq(accountingInvoices.companyId, companyId),
        eq(accountingInvoices.sourceType, sourceType),
        ilike(accountingInvoices.sourceId, `${escapeLike(prefix)}%`),
      ),
    )
    .orderBy(asc(accountingInvoices.createdAt));
  return rows.map((row) => row.id);
}

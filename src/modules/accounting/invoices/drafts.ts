import { and, asc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { diffRecords } from '../../../platform/audit/changes.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { escapeLike } from '../../../platform/db/like.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { PlatformErrors } from '../../../platform/errors.ts';
import { keysetPage, type Page } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { fromMinor, isKnownCurrency } from '../../../shared/money.ts';
import { getParty } from '../../crm/index.ts';
import { AccountingErrors } from '../errors.ts';
import { InvoiceSaved } from '../events.ts';
import { accountFor, accountsByIds } from '../ledger/accounts.ts';
import { getJournal, journalOfType } from '../ledger/journals.ts';
import { getSettings } from '../ledger/settings.ts';
import { itemsByLine } from '../matching/allocations.ts';
import { appliedTaxesById } from '../taxes/taxes.ts';
import { computeInvoice, kindTraits } from './compute.ts';
import type { CreateInvoiceInput, Invoice, InvoiceLineInput, UpdateInvoiceInput } from './contracts.ts';
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

/** Checks and computes a draft's lines: accounts, taxes and amounts, ready to store. */
export async function draftLines(tx: Tx, kind: InvoiceKind, currency: string, lines: InvoiceLineInput[]) {
  const { companyId } = tx.ctx;
  const { scope } = kindTraits(kind);
  const fallback = await accountFor(tx.db, companyId, scope === 'sale' ? 'revenue' : 'purchase_expense');
  const accounts = await accountsByIds(
    tx.db,
    companyId,
    lines.flatMap((l) => (l.accountId ? [l.accountId] : [])),
  );
  lines.forEach((line, index) => {
    const account = line.accountId ? accounts.get(line.accountId) : fallback;
    if (!account || account.archived) {
      throw AccountingErrors.entry_line_invalid(`line ${index + 1}: no usable account ${line.accountId}`, [
        { path: `lines.${index}.accountId`, message: 'no such account, or it is archived' },
      ]);
    }
  });
  const taxes = await appliedTaxesById(
    tx.db,
    companyId,
    lines.flatMap((l) => l.taxIds ?? []),
    scope,
  );
  const settings = await getSettings(tx.db, companyId);
  const normalised = lines.map((line) => ({
    ...line,
    discountPercent: line.discountPercent ?? '0',
    taxIds: [...new Set(line.taxIds ?? [])],
  }));
  const computed = computeInvoice(normalised, taxes, currency, settings.taxRounding);
  const vatOf = (taxIds: string[]) =>
    taxIds.flatMap((id) => taxes.get(id) ?? []).find((t) => t.kind === 'percent');
  const rows = normalised.map((line, index) => ({
    companyId,
    id: newId(),
    lineNo: index + 1,
    variantId: line.variantId ?? null,
    sku: line.sku ?? null,
    gtin: line.gtin ?? null,
    description: line.description,
    quantity: line.quantity,
    unitCode: line.unitCode ?? 'C62',
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent,
    accountId: line.accountId ?? fallback.id,
    taxIds: line.taxIds,
    vatCategory: vatOf(line.taxIds)?.vatCategory ?? 'O',
    vatRatePercent: vatOf(line.taxIds)?.ratePercent ?? null,
    netMinor: computed.lines[index]!.netMinor,
    taxMinor: computed.lines[index]!.grossMinor - computed.lines[index]!.netMinor,
  }));
  const definitions = new Map([...taxes.values()].flat().map((tax) => [tax.id, tax]));
  const taxRows = computed.taxes.map((tax, position) => {
    const definition = definitions.get(tax.taxId)!;
    return {
      companyId,
      taxId: tax.taxId,
      position,
      code: definition.code,
      name: definition.name,
      vatCategory: definition.vatCategory,
      ratePercent: definition.kind === 'percent' ? definition.ratePercent : null,
      exemptionReason: definition.exemptionReason,
      exemptionReasonCode: definition.exemptionReasonCode,
      accountId: definition.accountId,
      baseMinor: tax.baseMinor,
      amountMinor: tax.amountMinor,
    };
  });
  return {
    rows,
    taxRows,
    totals: { netMinor: computed.netMinor, taxMinor: computed.taxMinor, totalMinor: computed.totalMinor },
  };
}

/** Replaces a draft's lines and taxes with freshly computed ones. */
export async function writeLines(
  tx: Tx,
  invoiceId: string,
  computed: Awaited<ReturnType<typeof draftLines>>,
  replace: boolean,
): Promise<void> {
  const { companyId } = tx.ctx;
  if (replace) {
    await tx.db
      .delete(accountingInvoiceTaxes)
      .where(
        and(eq(accountingInvoiceTaxes.companyId, companyId), eq(accountingInvoiceTaxes.invoiceId, invoiceId)),
      );
    await tx.db
      .delete(accountingInvoiceLines)
      .where(
        and(eq(accountingInvoiceLines.companyId, companyId), eq(accountingInvoiceLines.invoiceId, invoiceId)),
      );
  }
  await tx.db.insert(accountingInvoiceLines).values(computed.rows.map((row) => ({ ...row, invoiceId })));
  if (computed.taxRows.length > 0) {
    await tx.db.insert(accountingInvoiceTaxes).values(computed.taxRows.map((row) => ({ ...row, invoiceId })));
  }
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

export async function createInvoice(
  tx: Tx,
  input: CreateInvoiceInput & { sourceType?: string | null; sourceId?: string | null },
): Promise<Invoice> {
  const { companyId } = tx.ctx;
  const settings = await getSettings(tx.db, companyId);
  await checkPartner(tx, input.partnerId, input.kind);
  const journal = await resolveJournal(tx, input.kind, input.journalId);
  const currency = input.currencyCode ?? settings.currencyCode;
  if (!isKnownCurrency(currency))
    throw AccountingErrors.currency_invalid(`${currency} is not an ISO 4217 currency`);
  if (input.correctsInvoiceId)
    await checkCorrection(tx, input.kind, input.partnerId, input.correctsInvoiceId);
  const computed = await draftLines(tx, input.kind, currency, input.lines);
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
  const existing = lines ?? before.lines.map(toLineInput);
  const computed = await draftLines(tx, before.kind, currency, existing);
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

function toLineInput(line: Invoice['lines'][number]): InvoiceLineInput {
  return {
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent,
    unitCode: line.unitCode,
    accountId: line.accountId,
    taxIds: line.taxIds,
    variantId: line.variantId,
    sku: line.sku,
    gtin: line.gtin,
  };
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
    const dueMinor = row.state === 'draft' ? row.totalMinor : item ? item.residualCurrencyMinor : 0;
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

function toInvoice(row: InvoiceRow, lines: LineRow[], dueMinor: number, taxes: Invoice['taxes']): Invoice {
  const money = (minor: number) => fromMinor(minor, row.currencyCode);
  const paymentState =
    row.state === 'draft'
      ? 'not_due'
      : dueMinor === 0
        ? 'paid'
        : dueMinor < row.totalMinor
          ? 'partial'
          : 'unpaid';
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    paymentState,
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
    net: money(row.netMinor),
    tax: money(row.taxMinor),
    total: money(row.totalMinor),
    amountDue: money(dueMinor),
    netMinor: row.netMinor,
    taxMinor: row.taxMinor,
    totalMinor: row.totalMinor,
    amountDueMinor: dueMinor,
    lines: lines.map((line) => ({
      id: line.id,
      lineNo: line.lineNo,
      description: line.description,
      quantity: plain(line.quantity),
      unitCode: line.unitCode,
      unitPrice: plain(line.unitPrice),
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
    })),
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

import { Decimal } from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/tx.ts';
import { makeCreditorReference } from '../../../shared/creditor-reference.ts';
import { fromMinor, toMinor } from '../../../shared/money.ts';
import { getParty } from '../../crm/index.ts';
import { AccountingErrors } from '../errors.ts';
import { InvoicePosted } from '../events.ts';
import { accountFor } from '../ledger/accounts.ts';
import { rateOn } from '../ledger/exchange-rates.ts';
import { numberPending } from '../ledger/numbering.ts';
import { type PostingLine, postEntry } from '../ledger/post-entry.ts';
import { accountingEntries, accountingEntryLines } from '../ledger/schema.ts';
import { getSettings } from '../ledger/settings.ts';
import { allocate, itemsByLine } from '../matching/allocations.ts';
import { kindTraits } from './compute.ts';
import type { Invoice } from './contracts.ts';
import { draftLines, lineInputOf, writeLines } from './draft-lines.ts';
import { getInvoice, invoiceRow } from './drafts.ts';
import { accountingInvoices } from './schema.ts';

const today = () => new Date().toISOString().slice(0, 10);

function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

type Side = 'debit' | 'credit';
// A negative amount (an allowance, a returned item, a negative supplier invoice) goes on the
// other side, so every posted line is positive.
const sided = (side: Side, amountMinor: number) => {
  const debit = side === 'debit' ? amountMinor : -amountMinor;
  return { debitMinor: Math.max(debit, 0), creditMinor: Math.max(-debit, 0) };
};

type EntryContext = {
  partnerAccountId: string;
  roundingAccountId: string | null;
  dueDate: string;
  convert: (documentMinor: number) => number;
  foreign: string | null;
};

/**
 * The entry lines of an invoice: revenue or expense per line, one per tax, the document's
 * rounding of the amount due, and the partner's open item last, which balances them.
 */
function entryLines(invoice: Invoice, context: EntryContext): PostingLine[] {
  const { convert, foreign } = context;
  const { partnerSide } = kindTraits(invoice.kind);
  const side: Side = partnerSide === 'debit' ? 'credit' : 'debit';
  const sign = side === 'debit' ? 1 : -1;
  const refund = invoice.kind === 'customer_credit_note' || invoice.kind === 'vendor_refund';
  const currency = (documentMinor: number) =>
    foreign ? { currencyCode: foreign, amountCurrencyMinor: sign * documentMinor } : {};
  const zeroRated = new Map(invoice.taxes.filter((t) => t.amountMinor === 0).map((t) => [t.taxId, t]));
  const lines: PostingLine[] = [];
  for (const line of invoice.lines) {
    if (line.netMinor === 0) continue;
    // A base line names its zero-rated tax, if any, so the tax report sees exempt and zero-rated sales.
    const zeroTax = line.taxIds.find((id) => zeroRated.has(id)) ?? null;
    lines.push({
      accountId: line.accountId,
      ...sided(side, convert(line.netMinor)),
      partnerId: invoice.partnerId,
      description: line.description,
      taxId: zeroTax,
      ...currency(line.netMinor),
    });
  }
  for (const tax of invoice.taxes) {
    if (tax.amountMinor === 0) continue;
    lines.push({
      accountId: tax.accountId,
      ...sided(side, convert(tax.amountMinor)),
      partnerId: invoice.partnerId,
      description: tax.name,
      taxId: tax.taxId,
      taxBaseMinor: (refund ? -1 : 1) * convert(tax.baseMinor),
      ...currency(tax.amountMinor),
    });
  }
  const roundingMinor = invoice.roundingMinor ?? 0;
  if (roundingMinor !== 0 && context.roundingAccountId) {
    lines.push({
      accountId: context.roundingAccountId,
      ...sided(side, convert(roundingMinor)),
      partnerId: invoice.partnerId,
      description: 'Rounding of the amount due',
      ...currency(roundingMinor),
    });
  }
  const debitMinor = lines.reduce((sum, l) => sum + l.debitMinor - l.creditMinor, 0);
  lines.push({
    accountId: context.partnerAccountId,
    ...sided('credit', debitMinor),
    partnerId: invoice.partnerId,
    description: invoice.reference ?? null,
    dueDate: context.dueDate,
    ...(foreign
      ? { currencyCode: foreign, amountCurrencyMinor: -sign * (invoice.totalMinor + roundingMinor) }
      : {}),
  });
  return lines;
}

/**
 * Posts a draft: recomputes it, writes its journal entry (number, open item, creditor
 * reference), freezes it, and lets a credit note settle the invoice it corrects.
 */
export async function postInvoice(tx: Tx, id: string): Promise<Invoice> {
  const { companyId } = tx.ctx;
  const settings = await getSettings(tx.db, companyId);
  const row = await invoiceRow(tx.db, companyId, id);
  const locked = await tx.db
    .select({ version: accountingInvoices.version })
    .from(accountingInvoices)
    .where(and(eq(accountingInvoices.companyId, companyId), eq(accountingInvoices.id, id)))
    .for('update');
  if (row.state !== 'draft' || locked[0]?.version !== row.version) {
    throw AccountingErrors.invoice_not_draft(`invoice ${row.number ?? id} is ${row.state}`);
  }
  const draft = await getInvoice(tx.db, companyId, id);
  const rounding = row.taxRounding ?? settings.taxRounding;
  const computed = await draftLines(tx, row.kind, row.currencyCode, draft.lines.map(lineInputOf), rounding);
  await writeLines(tx, id, computed, true);
  const invoice = { ...(await getInvoice(tx.db, companyId, id)), ...computed.totals };
  checkTotal(invoice);
  const partner = await getParty(tx.db, companyId, row.partnerId);
  const invoiceDate = row.invoiceDate ?? today();
  const dueDate = row.dueDate ?? addDays(invoiceDate, row.paymentTermDays ?? partner.paymentTermDays ?? 0);
  const foreign = row.currencyCode !== settings.currencyCode ? row.currencyCode : null;
  const rate = foreign ? await rateOn(tx.db, companyId, foreign, invoiceDate) : '1';
  const convert = (documentMinor: number) =>
    foreign
      ? toMinor(new Decimal(fromMinor(documentMinor, row.currencyCode)).times(rate), settings.currencyCode)
      : documentMinor;
  const traits = kindTraits(row.kind);
  const partnerAccount = await accountFor(
    tx.db,
    companyId,
    traits.scope === 'sale' ? 'receivable' : 'payable',
  );
  const roundingAccount = invoice.roundingMinor
    ? await accountFor(tx.db, companyId, 'cash_difference')
    : null;
  const lines = entryLines(invoice, {
    partnerAccountId: partnerAccount.id,
    roundingAccountId: roundingAccount?.id ?? null,
    dueDate,
    convert,
    foreign,
  });
  const posted = await postEntry(tx, {
    journalId: row.journalId,
    date: invoiceDate,
    reference: row.reference,
    description: `${describeKind(row.kind)} ${partner.name}`,
    sourceType: 'accounting.invoice',
    sourceId: id,
    lines,
  });
  await numberPending(tx);
  const [entry] = await tx.db
    .select({ number: accountingEntries.number })
    .from(accountingEntries)
    .where(and(eq(accountingEntries.companyId, companyId), eq(accountingEntries.id, posted.id)));
  const [openItem] = await tx.db
    .select({ id: accountingEntryLines.id })
    .from(accountingEntryLines)
    .where(
      and(
        eq(accountingEntryLines.companyId, companyId),
        eq(accountingEntryLines.entryId, posted.id),
        eq(accountingEntryLines.lineNo, lines.length),
      ),
    );
  const number = entry!.number!;
  const creditorReference = row.kind === 'customer_invoice' ? makeCreditorReference(number) : null;
  await tx.db
    .update(accountingInvoices)
    .set({
      state: 'posted',
      number,
      ...computed.totals,
      invoiceDate,
      dueDate,
      exchangeRate: foreign ? rate : null,
      creditorReference,
      entryId: posted.id,
      openItemLineId: openItem!.id,
      version: row.version + 1,
      updatedAt: new Date(),
      updatedBy: tx.ctx.actor.id,
    })
    .where(and(eq(accountingInvoices.companyId, companyId), eq(accountingInvoices.id, id)));
  if (row.correctsInvoiceId) await settleCorrected(tx, openItem!.id, row.correctsInvoiceId);
  const after = await getInvoice(tx.db, companyId, id);
  tx.audit('accounting.invoice', id, 'post', {
    state: { old: 'draft', new: 'posted' },
    number: { old: null, new: number },
    total: { old: null, new: after.total },
  });
  await tx.emit(InvoicePosted, id, {
    invoiceId: id,
    kind: row.kind,
    number,
    partnerId: row.partnerId,
    invoiceDate,
    dueDate,
    currencyCode: row.currencyCode,
    totalMinor: after.totalMinor,
    entryId: posted.id,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    creditorReference,
  });
  return after;
}

// We issue a negative amount as a credit note, never as an invoice; a supplier's document is
// booked as it came (Peppol allows negative invoices), so only an empty one is refused.
function checkTotal(invoice: Invoice): void {
  const received = invoice.kind === 'vendor_bill' || invoice.kind === 'vendor_refund';
  const owedMinor = invoice.totalMinor + (invoice.roundingMinor ?? 0);
  if (received ? owedMinor === 0 : invoice.totalMinor <= 0)
    throw AccountingErrors.invoice_empty(`invoice ${invoice.id} totals ${invoice.total}`);
}

function describeKind(kind: Invoice['kind']): string {
  return {
    customer_invoice: 'Invoice to',
    customer_credit_note: 'Credit note to',
    vendor_bill: 'Bill from',
    vendor_refund: 'Refund from',
  }[kind];
}

// A credit note pays the invoice it corrects, as far as both are open.
async function settleCorrected(tx: Tx, creditNoteLineId: string, correctedId: string): Promise<void> {
  const corrected = await invoiceRow(tx.db, tx.ctx.companyId, correctedId);
  if (!corrected.openItemLineId) return;
  const items = await itemsByLine(tx.db, tx.ctx.companyId, [creditNoteLineId, corrected.openItemLineId]);
  const note = items.get(creditNoteLineId)!;
  const original = items.get(corrected.openItemLineId)!;
  const amountMinor = Math.min(note.residualMinor, original.residualMinor);
  const amountCurrencyMinor = Math.min(note.residualCurrencyMinor, original.residualCurrencyMinor);
  if (amountMinor <= 0 && amountCurrencyMinor <= 0) return;
  const [debit, credit] = note.side === 'debit' ? [note, original] : [original, note];
  await allocate(tx, {
    debitLineId: debit.lineId,
    creditLineId: credit.lineId,
    amountMinor,
    amountCurrencyMinor,
  });
}

import { Decimal } from 'decimal.js';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { fromMinor, toMinor } from '../../../shared/money.ts';
import { getParty } from '../../crm/index.ts';
import { AccountingErrors } from '../errors.ts';
import { PaymentRegistered } from '../events.ts';
import { invoiceRow } from '../invoices/drafts.ts';
import { accountFor } from '../ledger/accounts.ts';
import { exactMinor } from '../ledger/entries.ts';
import { rateOn } from '../ledger/exchange-rates.ts';
import { getJournal, journalOfType } from '../ledger/journals.ts';
import { numberPending } from '../ledger/numbering.ts';
import { type PostingLine, postEntry } from '../ledger/post-entry.ts';
import { accountingEntryLines } from '../ledger/schema.ts';
import { getSettings } from '../ledger/settings.ts';
import { allocate, itemsByLine, type OpenItem } from '../matching/allocations.ts';
import type { RegisterPaymentInput } from './contracts.ts';
import { getPayment } from './payments.ts';
import { accountingPayments } from './schema.ts';

type Resolved = {
  invoiceId: string;
  item: OpenItem;
  amountCurrencyMinor: number;
  amountMinor: number;
  writeOffCurrencyMinor: number;
  writeOffMinor: number;
};

// The company-currency share of an open item settled by `currencyMinor` of its own currency.
function companyShare(item: OpenItem, currencyMinor: number): number {
  if (currencyMinor === item.residualCurrencyMinor) return item.residualMinor;
  return Math.round((item.residualMinor * currencyMinor) / item.residualCurrencyMinor);
}

async function resolveAllocations(
  tx: Tx,
  input: RegisterPaymentInput,
  currency: string,
  paymentMinor: number,
): Promise<Resolved[]> {
  const { companyId } = tx.ctx;
  const wantedSide = input.direction === 'inbound' ? 'debit' : 'credit';
  let remaining = paymentMinor;
  const resolved: Resolved[] = [];
  for (const [index, wanted] of input.allocations.entries()) {
    const invoice = await invoiceRow(tx.db, companyId, wanted.invoiceId);
    const item = invoice.openItemLineId
      ? (await itemsByLine(tx.db, companyId, [invoice.openItemLineId])).get(invoice.openItemLineId)
      : undefined;
    const problem = !item
      ? `invoice ${invoice.id} is not posted`
      : invoice.partnerId !== input.partnerId
        ? `invoice ${invoice.number} belongs to another partner`
        : invoice.currencyCode !== currency
          ? `invoice ${invoice.number} is in ${invoice.currencyCode}, the payment in ${currency}`
          : item.side !== wantedSide
            ? `an ${input.direction} payment does not pay ${invoice.kind} ${invoice.number}`
            : null;
    if (problem || !item) {
      throw AccountingErrors.payment_allocation_invalid(problem!, [
        { path: `allocations.${index}.invoiceId`, message: problem! },
      ]);
    }
    const asked = wanted.amount ? exactMinor(wanted.amount, currency, `allocations.${index}.amount`) : null;
    const amountCurrencyMinor = asked ?? Math.min(item.residualCurrencyMinor, remaining);
    if (
      amountCurrencyMinor > item.residualCurrencyMinor ||
      amountCurrencyMinor > remaining ||
      amountCurrencyMinor <= 0
    ) {
      const message = `${fromMinor(amountCurrencyMinor, currency)} is more than is due (${fromMinor(item.residualCurrencyMinor, currency)}) or left of the payment (${fromMinor(remaining, currency)}), or nothing`;
      throw AccountingErrors.payment_allocation_invalid(message, [
        { path: `allocations.${index}.amount`, message },
      ]);
    }
    remaining -= amountCurrencyMinor;
    const amountMinor = companyShare(item, amountCurrencyMinor);
    const writeOffCurrencyMinor = wanted.writeOff ? item.residualCurrencyMinor - amountCurrencyMinor : 0;
    const writeOffMinor = wanted.writeOff ? item.residualMinor - amountMinor : 0;
    resolved.push({
      invoiceId: invoice.id,
      item,
      amountCurrencyMinor,
      amountMinor,
      writeOffCurrencyMinor,
      writeOffMinor,
    });
  }
  return resolved;
}

type LineRefs = { allocationLines: number[] };

// Money side, the open items it settles, what is left as the partner's credit and the realised
// exchange difference; inbound shown here, outbound is the mirror image.
async function paymentLines(
  tx: Tx,
  input: RegisterPaymentInput,
  money: {
    accountId: string;
    currency: string;
    foreign: boolean;
    paymentMinor: number;
    paymentCompanyMinor: number;
    rate: string;
    companyCurrency: string;
  },
  resolved: Resolved[],
): Promise<{ lines: PostingLine[]; refs: LineRefs }> {
  const { companyId } = tx.ctx;
  const inbound = input.direction === 'inbound';
  const moneySide = inbound ? 'debit' : 'credit';
  const sided = (
    side: 'debit' | 'credit',
    amountMinor: number,
    currencyMinor: number | null,
  ): Omit<PostingLine, 'accountId'> => ({
    debitMinor: side === 'debit' ? amountMinor : 0,
    creditMinor: side === 'credit' ? amountMinor : 0,
    ...(money.foreign && currencyMinor !== null
      ? {
          currencyCode: money.currency,
          amountCurrencyMinor: side === 'debit' ? currencyMinor : -currencyMinor,
        }
      : {}),
  });
  const other = inbound ? 'credit' : 'debit';
  const lines: PostingLine[] = [
    {
      accountId: money.accountId,
      ...sided(moneySide, money.paymentCompanyMinor, money.paymentMinor),
      description: input.reference ?? null,
    },
  ];
  const refs: LineRefs = { allocationLines: [] };
  let settledMinor = 0;
  for (const allocation of resolved) {
    refs.allocationLines.push(lines.length);
    lines.push({
      accountId: allocation.item.accountId,
      partnerId: input.partnerId,
      ...sided(other, allocation.amountMinor, allocation.amountCurrencyMinor),
    });
    settledMinor += allocation.amountMinor;
  }
  const unallocated = money.paymentMinor - resolved.reduce((sum, a) => sum + a.amountCurrencyMinor, 0);
  if (unallocated > 0) {
    const account = await accountFor(tx.db, companyId, inbound ? 'receivable' : 'payable');
    const companyMinor = money.foreign
      ? toMinor(new Decimal(fromMinor(unallocated, money.currency)).times(money.rate), money.companyCurrency)
      : unallocated;
    lines.push({
      accountId: account.id,
      partnerId: input.partnerId,
      description: 'Not yet allocated',
      ...sided(other, companyMinor, unallocated),
    });
    settledMinor += companyMinor;
  }
  const difference = money.paymentCompanyMinor - settledMinor;
  if (difference !== 0) {
    const gain = inbound ? difference > 0 : difference < 0;
    const account = await accountFor(tx.db, companyId, gain ? 'exchange_gain' : 'exchange_loss');
    lines.push({
      accountId: account.id,
      description: 'Realised exchange difference',
      ...sided(difference > 0 ? other : moneySide, Math.abs(difference), null),
    });
  }
  return { lines, refs };
}

/**
 * Records money received or paid through a bank or cash journal, posts it, and matches it with
 * the invoices it pays (partly or fully, writing off small remainders when asked). What it does
 * not pay stays open as the partner's credit.
 */
export async function registerPayment(
  tx: Tx,
  input: RegisterPaymentInput,
  source?: { type: string; id: string },
) {
  const { companyId } = tx.ctx;
  const settings = await getSettings(tx.db, companyId);
  const partner = await getParty(tx.db, companyId, input.partnerId);
  const journal = await getJournal(tx.db, companyId, input.journalId);
  if ((journal.type !== 'bank' && journal.type !== 'cash') || !journal.defaultAccountId) {
    throw AccountingErrors.journal_type_invalid(`journal ${journal.code} is not a bank or cash journal`);
  }
  const currency = input.currencyCode ?? settings.currencyCode;
  const paymentMinor = exactMinor(input.amount, currency, 'amount');
  if (paymentMinor <= 0) throw AccountingErrors.amount_invalid('a payment is more than zero');
  const foreign = currency !== settings.currencyCode;
  const rate = foreign ? await rateOn(tx.db, companyId, currency, input.date) : '1';
  const paymentCompanyMinor = foreign
    ? toMinor(new Decimal(input.amount).times(rate), settings.currencyCode)
    : paymentMinor;
  const resolved = await resolveAllocations(tx, input, currency, paymentMinor);
  const money = {
    accountId: journal.defaultAccountId,
    currency,
    foreign,
    paymentMinor,
    paymentCompanyMinor,
    rate,
    companyCurrency: settings.currencyCode,
  };
  const { lines, refs } = await paymentLines(tx, input, money, resolved);
  const id = newId();
  const entry = await postEntry(tx, {
    journalId: journal.id,
    date: input.date,
    reference: input.reference ?? null,
    description: `${input.direction === 'inbound' ? 'Payment from' : 'Payment to'} ${partner.name}`,
    sourceType: 'accounting.payment',
    sourceId: id,
    lines,
  });
  await numberPending(tx);
  await tx.db.insert(accountingPayments).values({
    companyId,
    id,
    direction: input.direction,
    partnerId: input.partnerId,
    journalId: journal.id,
    date: input.date,
    amountMinor: paymentMinor,
    currencyCode: currency,
    reference: input.reference ?? null,
    entryId: entry.id,
    sourceType: source?.type ?? null,
    sourceId: source?.id ?? null,
    createdBy: tx.ctx.actor.id,
    updatedBy: tx.ctx.actor.id,
  });
  await matchPaymentLines(tx, entry.id, input.direction, resolved, refs);
  await writeOffRemainders(tx, id, input, resolved, money);
  await numberPending(tx);
  const payment = await getPayment(tx.db, companyId, id);
  tx.audit('accounting.payment', id, 'register', {
    direction: { old: null, new: input.direction },
    partnerId: { old: null, new: input.partnerId },
    amount: { old: null, new: payment.amount },
    entry: { old: null, new: payment.entryNumber },
  });
  await tx.emit(PaymentRegistered, id, {
    paymentId: id,
    direction: input.direction,
    partnerId: input.partnerId,
    date: input.date,
    currencyCode: currency,
    amountMinor: paymentMinor,
    entryId: entry.id,
    invoices: await invoiceDues(tx.db, companyId, resolved),
  });
  return payment;
}

async function matchPaymentLines(
  tx: Tx,
  entryId: string,
  direction: 'inbound' | 'outbound',
  resolved: Resolved[],
  refs: LineRefs,
) {
  const rows = await tx.db
    .select({ id: accountingEntryLines.id })
    .from(accountingEntryLines)
    .where(
      and(eq(accountingEntryLines.companyId, tx.ctx.companyId), eq(accountingEntryLines.entryId, entryId)),
    )
    .orderBy(asc(accountingEntryLines.lineNo));
  const pair = (itemLineId: string, paymentLineId: string) =>
    direction === 'inbound'
      ? { debitLineId: itemLineId, creditLineId: paymentLineId }
      : { debitLineId: paymentLineId, creditLineId: itemLineId };
  for (const [index, allocation] of resolved.entries()) {
    const lineId = rows[refs.allocationLines[index]!]!.id;
    await allocate(tx, {
      ...pair(allocation.item.lineId, lineId),
      amountMinor: allocation.amountMinor,
      amountCurrencyMinor: allocation.amountCurrencyMinor,
    });
  }
}

// What remains due on an invoice after its payment, written off on request: a separate entry in
// the general journal (write-off expense against the open item), matched with the invoice.
async function writeOffRemainders(
  tx: Tx,
  paymentId: string,
  input: RegisterPaymentInput,
  resolved: Resolved[],
  money: { currency: string; foreign: boolean },
) {
  const due = resolved.filter((a) => a.writeOffMinor > 0 || a.writeOffCurrencyMinor > 0);
  if (due.length === 0) return;
  const { companyId } = tx.ctx;
  const account = await accountFor(tx.db, companyId, 'write_off');
  const general = await journalOfType(tx.db, companyId, 'general');
  const inbound = input.direction === 'inbound';
  for (const allocation of due) {
    const itemSide = inbound ? 'credit' : 'debit';
    const currencyMinor = inbound ? -allocation.writeOffCurrencyMinor : allocation.writeOffCurrencyMinor;
    const entry = await postEntry(tx, {
      journalId: general.id,
      date: input.date,
      description: `Write-off of the remainder of ${allocation.item.entryNumber}`,
      sourceType: 'accounting.write_off',
      sourceId: `${paymentId}:${allocation.invoiceId}`,
      lines: [
        {
          accountId: account.id,
          debitMinor: inbound ? allocation.writeOffMinor : 0,
          creditMinor: inbound ? 0 : allocation.writeOffMinor,
        },
        {
          accountId: allocation.item.accountId,
          partnerId: input.partnerId,
          debitMinor: itemSide === 'debit' ? allocation.writeOffMinor : 0,
          creditMinor: itemSide === 'credit' ? allocation.writeOffMinor : 0,
          ...(money.foreign ? { currencyCode: money.currency, amountCurrencyMinor: currencyMinor } : {}),
        },
      ],
    });
    const [, itemLine] = await tx.db
      .select({ id: accountingEntryLines.id })
      .from(accountingEntryLines)
      .where(and(eq(accountingEntryLines.companyId, companyId), eq(accountingEntryLines.entryId, entry.id)))
      .orderBy(asc(accountingEntryLines.lineNo));
    await allocate(tx, {
      debitLineId: inbound ? allocation.item.lineId : itemLine!.id,
      creditLineId: inbound ? itemLine!.id : allocation.item.lineId,
      amountMinor: allocation.writeOffMinor,
      amountCurrencyMinor: allocation.writeOffCurrencyMinor,
    });
  }
}

async function invoiceDues(db: Executor, companyId: string, resolved: Resolved[]) {
  const items = await itemsByLine(
    db,
    companyId,
    resolved.map((a) => a.item.lineId),
  );
  return resolved.map((a) => ({
    invoiceId: a.invoiceId,
    allocatedMinor: a.amountCurrencyMinor,
    amountDueMinor: items.get(a.item.lineId)?.residualCurrencyMinor ?? 0,
  }));
}

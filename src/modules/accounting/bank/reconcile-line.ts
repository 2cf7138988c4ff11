import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { fromMinor } from '../../../shared/money.ts';
import { AccountingErrors } from '../errors.ts';
import { invoiceRow } from '../invoices/drafts.ts';
import { exactMinor } from '../ledger/entries.ts';
import { getJournal } from '../ledger/journals.ts';
import { numberPending } from '../ledger/numbering.ts';
import { postEntry } from '../ledger/post-entry.ts';
import { getSettings } from '../ledger/settings.ts';
import { registerPayment } from '../payments/register-payment.ts';
import type { ReconcileLineInput, StatementLineView } from './contracts.ts';
import { accountingBankStatementLines, accountingReconciliationRules } from './schema.ts';

type LineRow = typeof accountingBankStatementLines.$inferSelect;
type RuleRow = typeof accountingReconciliationRules.$inferSelect;

export function toLineView(row: LineRow): StatementLineView {
  return {
    id: row.id,
    statementId: row.statementId,
    journalId: row.journalId,
    bookingDate: row.bookingDate,
    valueDate: row.valueDate,
    amount: fromMinor(row.amountMinor, row.currencyCode),
    amountMinor: row.amountMinor,
    currencyCode: row.currencyCode,
    counterpartyName: row.counterpartyName,
    counterpartyIban: row.counterpartyIban,
    remittanceText: row.remittanceText,
    structuredReference: row.structuredReference,
    bankReference: row.bankReference,
    state: row.state,
    paymentId: row.paymentId,
    entryId: row.entryId,
    ruleId: row.ruleId,
  };
}

export async function lockOpenLine(tx: Tx, lineId: string): Promise<LineRow> {
  const [row] = await tx.db
    .select()
    .from(accountingBankStatementLines)
    .where(
      and(
        eq(accountingBankStatementLines.companyId, tx.ctx.companyId),
        eq(accountingBankStatementLines.id, lineId),
      ),
    )
    .for('update');
  if (!row) throw AccountingErrors.bank_line_not_found(`no bank statement line has the id ${lineId}`);
  if (row.state !== 'open') throw AccountingErrors.bank_line_not_open(`the line is ${row.state} already`);
  return row;
}

async function markReconciled(
  tx: Tx,
  line: LineRow,
  result: { paymentId?: string | null; entryId?: string | null; ruleId?: string | null },
) {
  await tx.db
    .update(accountingBankStatementLines)
    .set({
      state: 'reconciled',
      paymentId: result.paymentId ?? null,
      entryId: result.entryId ?? null,
      ruleId: result.ruleId ?? null,
      reconciledAt: new Date(),
      reconciledBy: tx.ctx.actor.id,
    })
    .where(
      and(
        eq(accountingBankStatementLines.companyId, tx.ctx.companyId),
        eq(accountingBankStatementLines.id, line.id),
      ),
    );
  tx.audit('accounting.bank_line', line.id, 'reconcile', {
    state: { old: 'open', new: 'reconciled' },
    paymentId: { old: null, new: result.paymentId ?? null },
    entryId: { old: null, new: result.entryId ?? null },
  });
}

// Parts of a bank line booked straight to accounts (fees, a rule's account): one entry in the
// bank journal against the bank account. A part is signed along the line: positive is some of its
// money (booked opposite the bank), negative what the bank kept of it (booked on the bank's side).
async function postCounterparts(
  tx: Tx,
  line: LineRow,
  parts: { accountId: string; amountMinor: number; description: string | null; partnerId?: string | null }[],
) {
  const journal = await getJournal(tx.db, tx.ctx.companyId, line.journalId);
  const direction = line.amountMinor > 0 ? 1 : -1;
  // Signed as money into the bank: + debit bank, − credit bank.
  const sided = (accountId: string, moneyInMinor: number, extra: object = {}) => ({
    accountId,
    debitMinor: Math.max(moneyInMinor, 0),
    creditMinor: moneyInMinor < 0 ? -moneyInMinor : 0,
    ...extra,
  });
  const bankMinor = direction * parts.reduce((sum, part) => sum + part.amountMinor, 0);
  const lines = [
    ...(bankMinor !== 0 ? [sided(journal.defaultAccountId!, bankMinor)] : []),
    ...parts
      .filter((part) => part.amountMinor !== 0)
      .map((part) =>
        sided(part.accountId, -direction * part.amountMinor, {
          partnerId: part.partnerId ?? null,
          description: part.description,
        }),
      ),
  ];
  const entry = await postEntry(tx, {
    journalId: journal.id,
    date: line.bookingDate,
    reference: line.bankReference,
    description: line.remittanceText ?? line.counterpartyName ?? 'Bank line',
    sourceType: 'accounting.bank_line',
    sourceId: line.id,
    lines,
  });
  await numberPending(tx);
  return entry.id;
}

/**
 * Reconciles a bank line by hand: the invoices it pays (a payment for the partner's part, the rest
 * of which stays the partner's credit) and parts booked straight to accounts, adding up to the
 * line's amount or less (the rest, with a partner, is their credit).
 */
export async function reconcileLine(
  tx: Tx,
  lineId: string,
  input: ReconcileLineInput,
): Promise<StatementLineView> {
  const line = await lockOpenLine(tx, lineId);
  const { currencyCode } = await getSettings(tx.db, tx.ctx.companyId);
  const counterparts = input.counterparts.map((part, index) => ({
    accountId: part.accountId,
    amountMinor: exactMinor(part.amount, line.currencyCode, `counterparts.${index}.amount`),
    description: part.description ?? null,
  }));
  if (counterparts.length > 0 && line.currencyCode !== currencyCode) {
    throw AccountingErrors.bank_line_split_invalid(
      `a ${line.currencyCode} line is reconciled with payments only`,
    );
  }
  const counterpartMinor = counterparts.reduce((sum, part) => sum + part.amountMinor, 0);
  const partnerMinor = Math.abs(line.amountMinor) - counterpartMinor;
  if (partnerMinor < 0)
    throw AccountingErrors.bank_line_split_invalid('the parts add up to more than the line');
  const partnerId =
    input.partnerId ??
    (input.invoices[0]
      ? (await invoiceRow(tx.db, tx.ctx.companyId, input.invoices[0].invoiceId)).partnerId
      : null);
  if (partnerMinor > 0 && !partnerId) {
    throw AccountingErrors.bank_line_split_invalid(
      `${fromMinor(partnerMinor, line.currencyCode)} is left: name the partner or book it to an account`,
    );
  }
  const entryId = counterparts.length > 0 ? await postCounterparts(tx, line, counterparts) : null;
  const payment =
    partnerMinor > 0
      ? await registerPayment(
          tx,
          {
            direction: line.amountMinor > 0 ? 'inbound' : 'outbound',
            partnerId: partnerId!,
            journalId: line.journalId,
            date: line.bookingDate,
            amount: fromMinor(partnerMinor, line.currencyCode),
            currencyCode: line.currencyCode === currencyCode ? undefined : line.currencyCode,
            reference: line.structuredReference ?? line.remittanceText?.slice(0, 140) ?? null,
            allocations: input.invoices,
          },
          { type: 'accounting.bank_line', id: line.id },
        )
      : null;
  await markReconciled(tx, line, { paymentId: payment?.id ?? null, entryId });
  return toLineView(await lineById(tx.db, tx.ctx.companyId, line.id));
}

/** Books a line by a reconciliation rule: its whole amount to the rule's account. */
export async function reconcileByRule(tx: Tx, line: LineRow, rule: RuleRow): Promise<void> {
  const entryId = await postCounterparts(tx, line, [
    {
      accountId: rule.accountId,
      amountMinor: Math.abs(line.amountMinor),
      description: rule.label ?? rule.name,
      partnerId: rule.partnerId,
    },
  ]);
  await markReconciled(tx, line, { entryId, ruleId: rule.id });
}

/** Pays invoices from a bank line (the automatic match by creditor reference). */
export async function reconcileWithInvoice(
  tx: Tx,
  line: LineRow,
  invoice: { invoiceId: string; partnerId: string; amountDueMinor: number },
) {
  const { currencyCode } = await getSettings(tx.db, tx.ctx.companyId);
  const payment = await registerPayment(
    tx,
    {
      direction: line.amountMinor > 0 ? 'inbound' : 'outbound',
      partnerId: invoice.partnerId,
      journalId: line.journalId,
      date: line.bookingDate,
      amount: fromMinor(Math.abs(line.amountMinor), line.currencyCode),
      currencyCode: line.currencyCode === currencyCode ? undefined : line.currencyCode,
      reference: line.structuredReference ?? line.remittanceText?.slice(0, 140) ?? null,
      allocations: [
        {
          invoiceId: invoice.invoiceId,
          amount: fromMinor(Math.min(invoice.amountDueMinor, Math.abs(line.amountMinor)), line.currencyCode),
        },
      ],
    },
    { type: 'accounting.bank_line', id: line.id },
  );
  await markReconciled(tx, line, { paymentId: payment.id });
}

export async function ignoreLine(tx: Tx, lineId: string): Promise<StatementLineView> {
  const line = await lockOpenLine(tx, lineId);
  await tx.db
    .update(accountingBankStatementLines)
    .set({ state: 'ignored', reconciledAt: new Date(), reconciledBy: tx.ctx.actor.id })
    .where(
      and(
        eq(accountingBankStatementLines.companyId, tx.ctx.companyId),
        eq(accountingBankStatementLines.id, line.id),
      ),
    );
  tx.audit('accounting.bank_line', line.id, 'ignore', { state: { old: 'open', new: 'ignored' } });
  return toLineView(await lineById(tx.db, tx.ctx.companyId, line.id));
}

export async function lineById(db: Executor, companyId: string, id: string): Promise<LineRow> {
  const [row] = await db
    .select()
    .from(accountingBankStatementLines)
    .where(
      and(eq(accountingBankStatementLines.companyId, companyId), eq(accountingBankStatementLines.id, id)),
    );
  if (!row) throw AccountingErrors.bank_line_not_found(`no bank statement line has the id ${id}`);
  return row;
}

/** The rules that may apply to lines of a journal, in the order they are tried. */
export async function rulesFor(db: Executor, companyId: string, journalId: string): Promise<RuleRow[]> {
  return db
    .select()
    .from(accountingReconciliationRules)
    .where(
      and(
        eq(accountingReconciliationRules.companyId, companyId),
        or(
          isNull(accountingReconciliationRules.journalId),
          eq(accountingReconciliationRules.journalId, journalId),
        ),
      ),
    )
    .orderBy(asc(accountingReconciliationRules.priority), asc(accountingReconciliationRules.createdAt));
}

/** Whether a rule fits a line: direction, text, counterparty account and amount range. */
export function ruleMatches(rule: RuleRow, line: LineRow): boolean {
  if (rule.direction === 'in' && line.amountMinor < 0) return false;
  if (rule.direction === 'out' && line.amountMinor > 0) return false;
  const amount = Math.abs(line.amountMinor);
  if (rule.amountMinMinor !== null && amount < rule.amountMinMinor) return false;
  if (rule.amountMaxMinor !== null && amount > rule.amountMaxMinor) return false;
  if (rule.counterpartyIban && rule.counterpartyIban !== line.counterpartyIban) return false;
  if (rule.textContains) {
    const haystack = `${line.counterpartyName ?? ''} ${line.remittanceText ?? ''}`.toLowerCase();
    if (!haystack.includes(rule.textContains.toLowerCase())) return false;
  }
  return true;
}

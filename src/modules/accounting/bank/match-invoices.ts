import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import { findCreditorReferences, isValidCreditorReference } from '../../../shared/creditor-reference.ts';
import { fromMinor } from '../../../shared/money.ts';
import { accountingInvoices } from '../invoices/schema.ts';
import { itemsByLine } from '../matching/allocations.ts';
import type { Suggestion } from './contracts.ts';

export type BankLineFacts = {
  amountMinor: number;
  currencyCode: string;
  structuredReference: string | null;
  remittanceText: string | null;
};

export type OpenInvoice = {
  invoiceId: string;
  number: string;
  partnerId: string;
  creditorReference: string | null;
  currencyCode: string;
  amountDueMinor: number;
};

const MAX_CANDIDATES = 2000;
const compact = (text: string) => text.replace(/\s+/g, '').toUpperCase();

/** The creditor references a bank line quotes, structured or inside its free text. */
export function quotedReferences(line: BankLineFacts): string[] {
  const found = new Set<string>();
  if (line.structuredReference && isValidCreditorReference(line.structuredReference)) {
    found.add(compact(line.structuredReference));
  }
  for (const reference of findCreditorReferences(line.remittanceText ?? '')) found.add(compact(reference));
  return [...found];
}

/**
 * How well an open invoice explains a bank line: its creditor reference quoted (100), its number
 * in the text (60), the amount exactly what is due (30). Pure, so every rule is tested alone.
 */
export function scoreInvoice(
  line: BankLineFacts,
  invoice: OpenInvoice,
): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;
  if (invoice.currencyCode !== line.currencyCode) return { score: 0, reasons: ['another currency'] };
  if (invoice.creditorReference && quotedReferences(line).includes(compact(invoice.creditorReference))) {
    score += 100;
    reasons.push(`quotes the creditor reference ${invoice.creditorReference}`);
  } else if (line.remittanceText && compact(line.remittanceText).includes(compact(invoice.number))) {
    score += 60;
    reasons.push(`names the invoice number ${invoice.number}`);
  }
  if (Math.abs(line.amountMinor) === invoice.amountDueMinor) {
    score += 30;
    reasons.push('the amount is what is due');
  }
  return { score, reasons };
}

/** Posted invoices with something still due that money in (customer invoices) or out (bills) pays. */
export async function openInvoices(
  db: Executor,
  companyId: string,
  direction: 'in' | 'out',
): Promise<OpenInvoice[]> {
  const kinds =
    direction === 'in'
      ? (['customer_invoice', 'vendor_refund'] as const)
      : (['vendor_bill', 'customer_credit_note'] as const);
  const rows = await db
    .select()
    .from(accountingInvoices)
    .where(
      and(
        eq(accountingInvoices.companyId, companyId),
        eq(accountingInvoices.state, 'posted'),
        inArray(accountingInvoices.kind, [...kinds]),
        isNotNull(accountingInvoices.openItemLineId),
      ),
    )
    .orderBy(desc(accountingInvoices.invoiceDate))
    .limit(MAX_CANDIDATES);
  const items = await itemsByLine(
    db,
    companyId,
    rows.map((row) => row.openItemLineId!),
  );
  return rows.flatMap((row) => {
    const due = items.get(row.openItemLineId!)?.residualCurrencyMinor ?? 0;
    return due > 0
      ? [
          {
            invoiceId: row.id,
            number: row.number!,
            partnerId: row.partnerId,
            creditorReference: row.creditorReference,
            currencyCode: row.currencyCode,
            amountDueMinor: due,
          },
        ]
      : [];
  });
}

/** The invoices that may explain a bank line, best first. */
export function suggestionsFor(
  line: BankLineFacts,
  candidates: readonly OpenInvoice[],
  limit = 5,
): Suggestion[] {
  return candidates
    .map((invoice) => ({ invoice, ...scoreInvoice(line, invoice) }))
    .filter((candidate) => candidate.score >= 30)
    .sort((a, b) => b.score - a.score || a.invoice.amountDueMinor - b.invoice.amountDueMinor)
    .slice(0, limit)
    .map(({ invoice, score, reasons }) => ({
      invoiceId: invoice.invoiceId,
      number: invoice.number,
      partnerId: invoice.partnerId,
      amountDue: fromMinor(invoice.amountDueMinor, invoice.currencyCode),
      amountDueMinor: invoice.amountDueMinor,
      score,
      reasons,
    }));
}

import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Tx, withSystemTx, withTx } from '../../../platform/db/tx.ts';
import { defineJob } from '../../../platform/jobs/define.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import { formatCreditorReference } from '../../../shared/creditor-reference.ts';
import { fromMinor } from '../../../shared/money.ts';
import { getParty } from '../../crm/index.ts';
import { accountingInvoices } from '../invoices/schema.ts';
import { accountingSettings } from '../ledger/schema.ts';
import { companyName, getSettings } from '../ledger/settings.ts';
import { itemsByLine } from '../matching/allocations.ts';
import { accountingDunningNotices } from './schema.ts';

export type DunningResult = {
  asOf: string;
  sent: { invoiceId: string; number: string; level: number; to: string }[];
  skipped: { invoiceId: string; number: string; reason: string }[];
};

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Fills `{name}` placeholders; unknown ones stay as written, so a typo shows in the mail. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * Sends payment reminders: each overdue customer invoice gets the highest level its days overdue
 * have reached, once per level, by email to the customer (queued with the transaction).
 */
export async function runDunning(tx: Tx, asOf: string): Promise<DunningResult> {
  const { companyId } = tx.ctx;
  const settings = await getSettings(tx.db, companyId);
  const levels = [...settings.dunningLevels].sort((a, b) => a.afterDays - b.afterDays);
  const result: DunningResult = { asOf, sent: [], skipped: [] };
  if (levels.length === 0) return result;
  const overdue = await tx.db
    .select()
    .from(accountingInvoices)
    .where(
      and(
        eq(accountingInvoices.companyId, companyId),
        eq(accountingInvoices.kind, 'customer_invoice'),
        eq(accountingInvoices.state, 'posted'),
        lt(accountingInvoices.dueDate, asOf),
      ),
    );
  if (overdue.length === 0) return result;
  const items = await itemsByLine(
    tx.db,
    companyId,
    overdue.map((i) => i.openItemLineId!),
  );
  const sent = await tx.db
    .select({
      invoiceId: accountingDunningNotices.invoiceId,
      level: sql<number>`max(${accountingDunningNotices.level})`,
    })
    .from(accountingDunningNotices)
    .where(
      and(
        eq(accountingDunningNotices.companyId, companyId),
        inArray(
          accountingDunningNotices.invoiceId,
          overdue.map((i) => i.id),
        ),
      ),
    )
    .groupBy(accountingDunningNotices.invoiceId);
  const ourName = settings.legalName ?? (await companyName(tx.db, companyId));
  for (const invoice of overdue) {
    const dueMinor = items.get(invoice.openItemLineId!)?.residualCurrencyMinor ?? 0;
    const days = daysBetween(invoice.dueDate!, asOf);
    const level = levels.findLastIndex((l) => l.afterDays <= days);
    const already = Number(sent.find((s) => s.invoiceId === invoice.id)?.level ?? -1);
    if (dueMinor <= 0 || level < 0 || level <= already) continue;
    const partner = await getParty(tx.db, companyId, invoice.partnerId);
    if (!partner.email) {
      result.skipped.push({
        invoiceId: invoice.id,
        number: invoice.number!,
        reason: `${partner.name} has no email address`,
      });
      continue;
    }
    const values = {
      customer: partner.name,
      company: ourName,
      number: invoice.number!,
      amountDue: `${fromMinor(dueMinor, invoice.currencyCode)} ${invoice.currencyCode}`,
      dueDate: invoice.dueDate!,
      daysOverdue: String(days),
      reference: invoice.creditorReference
        ? formatCreditorReference(invoice.creditorReference)
        : invoice.number!,
      iban: settings.iban ?? '',
    };
    await tx.db
      .insert(accountingDunningNotices)
      .values({ companyId, invoiceId: invoice.id, level, sentTo: partner.email, amountDueMinor: dueMinor });
    await enqueueMail(tx.db, {
      to: partner.email,
      subject: fillPlaceholders(levels[level]!.subject, values),
      text: fillPlaceholders(levels[level]!.text, values),
    });
    tx.audit('accounting.invoice', invoice.id, 'dunning', {
      level: { old: already < 0 ? null : already + 1, new: level + 1 },
      sentTo: { old: null, new: partner.email },
    });
    result.sent.push({ invoiceId: invoice.id, number: invoice.number!, level: level + 1, to: partner.email });
  }
  return result;
}

/** Every morning, each company's reminders for what has become overdue. */
export const DunningJob = defineJob({
  name: 'accounting.dunning',
  schema: z.object({}).passthrough(),
  timeoutMs: 10 * 60_000,
  async handle({ database }) {
    const companies = await withSystemTx(database, (db) =>
      db
        .select({ companyId: accountingSettings.companyId })
        .from(accountingSettings)
        .where(sql`jsonb_array_length(${accountingSettings.dunningLevels}) > 0`),
    );
    const asOf = new Date().toISOString().slice(0, 10);
    for (const { companyId } of companies) {
      await withTx(database, { companyId, actor: { type: 'system', id: null } }, (tx) =>
        runDunning(tx, asOf),
      );
    }
  },
});

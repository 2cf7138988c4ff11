import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/tx.ts';
import { newId } from '../../platform/ids.ts';
import { genericChart } from './chart/generic.ts';
import { skr03Chart } from './chart/skr03.ts';
import type { ChartTemplate } from './chart/template.ts';
import type { AccountingSettings, SetupInput } from './contracts.ts';
import { AccountingErrors } from './errors.ts';
import { createFiscalYear } from './ledger/fiscal-years.ts';
import {
  ACCOUNT_KINDS,
  accountingAccountMappings,
  accountingAccounts,
  accountingJournals,
  accountingSettings,
} from './ledger/schema.ts';
import { getSettings } from './ledger/settings.ts';
import { accountingTaxCategories, accountingTaxes } from './taxes/schema.ts';

export const CHART_TEMPLATES: Record<string, ChartTemplate> = { generic: genericChart, skr03: skr03Chart };

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}
function dayBefore(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() - 1);
  return next.toISOString().slice(0, 10);
}

/**
 * Sets accounting up for the company from a chart template: accounts, the accounts each posting
 * purpose uses, journals, taxes, and the fiscal year that holds the start date and the next.
 */
export async function setupAccounting(tx: Tx, input: SetupInput): Promise<AccountingSettings> {
  const { companyId } = tx.ctx;
  const template = CHART_TEMPLATES[input.template];
  if (!template)
    throw AccountingErrors.unknown_template(`templates: ${Object.keys(CHART_TEMPLATES).join(', ')}`);
  const [existing] = await tx.db
    .select({ chartTemplate: accountingSettings.chartTemplate })
    .from(accountingSettings)
    .where(eq(accountingSettings.companyId, companyId));
  if (existing) throw AccountingErrors.already_set_up(`the chart ${existing.chartTemplate} is in place`);
  const actor = { createdBy: tx.ctx.actor.id, updatedBy: tx.ctx.actor.id };
  await tx.db
    .insert(accountingSettings)
    .values({ companyId, chartTemplate: template.key, taxRounding: input.taxRounding, ...actor });
  const accountIds = new Map(template.accounts.map((account) => [account.code, newId()]));
  await tx.db.insert(accountingAccounts).values(
    template.accounts.map((account) => ({
      companyId,
      id: accountIds.get(account.code)!,
      code: account.code,
      name: account.name,
      type: ACCOUNT_KINDS[account.kind],
      kind: account.kind,
      reconcilable: account.reconcilable ?? false,
      ...actor,
    })),
  );
  await tx.db.insert(accountingAccountMappings).values(
    Object.entries(template.purposes).map(([purpose, code]) => ({
      companyId,
      purpose,
      accountId: accountIds.get(code)!,
      ...actor,
    })),
  );
  await tx.db.insert(accountingJournals).values(
    template.journals.map((journal) => ({
      companyId,
      id: newId(),
      code: journal.code,
      name: journal.name,
      type: journal.type,
      defaultAccountId: journal.accountCode ? accountIds.get(journal.accountCode)! : null,
      ...actor,
    })),
  );
  const taxIds = new Map(template.taxes.map((tax) => [`${tax.scope}:${tax.code}`, newId()]));
  await tx.db.insert(accountingTaxes).values(
    template.taxes.map((tax) => ({
      companyId,
      id: taxIds.get(`${tax.scope}:${tax.code}`)!,
      code: tax.code,
      name: tax.name,
      scope: tax.scope,
      kind: 'percent' as const,
      ratePercent: tax.ratePercent,
      vatCategory: tax.vatCategory,
      exemptionReason: tax.exemptionReason ?? null,
      exemptionReasonCode: tax.exemptionReasonCode ?? null,
      accountId: accountIds.get(tax.accountCode)!,
      ...actor,
    })),
  );
  await tx.db.insert(accountingTaxCategories).values(
    Object.entries(template.taxCategories).map(([category, codes]) => ({
      companyId,
      category,
      saleTaxId: taxIds.get(`sale:${codes.sale}`)!,
      purchaseTaxId: taxIds.get(`purchase:${codes.purchase}`)!,
      ...actor,
    })),
  );
  const start = input.fiscalYearStart ?? `${new Date().getUTCFullYear()}-01-01`;
  await createFiscalYear(tx, { startDate: start, endDate: dayBefore(addYears(start, 1)) });
  await createFiscalYear(tx, { startDate: addYears(start, 1), endDate: dayBefore(addYears(start, 2)) });
  tx.audit('accounting.settings', companyId, 'setup', {
    chartTemplate: { old: null, new: template.key },
    accounts: { old: null, new: template.accounts.length },
    taxRounding: { old: null, new: input.taxRounding },
  });
  return getSettings(tx.db, companyId);
}

import { and, asc, eq, inArray } from 'drizzle-orm';
import { diffRecords } from '../../../platform/audit/changes.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { pgErrorOf } from '../../../platform/db/pg-error.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { PlatformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { TaxRule } from '../../../shared/tax.ts';
import type { CreateTaxInput, Tax, UpdateTaxInput } from '../contracts.ts';
import { AccountingErrors } from '../errors.ts';
import { getAccount } from '../ledger/accounts.ts';
import { getSettings } from '../ledger/settings.ts';
import { accountingTaxCategories, accountingTaxes, accountingTaxGroupMembers } from './schema.ts';

type TaxRow = typeof accountingTaxes.$inferSelect;

/** A tax as documents apply it: the rule for the shared tax engine plus what posting needs. */
export type AppliedTax = TaxRule & {
  code: string;
  name: string;
  vatCategory: Tax['vatCategory'];
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
  accountId: string;
};

const EXEMPT_CATEGORIES = new Set(['E', 'AE', 'K', 'G', 'O']);
const ZERO_RATE_CATEGORIES = new Set(['Z', 'E', 'AE', 'K', 'G', 'O']);

function toTax(row: TaxRow, memberIds: string[]): Tax {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    scope: row.scope,
    kind: row.kind,
    ratePercent: row.ratePercent,
    amount: row.amount,
    priceIncluded: row.priceIncluded,
    vatCategory: row.vatCategory,
    exemptionReason: row.exemptionReason,
    exemptionReasonCode: row.exemptionReasonCode,
    accountId: row.accountId,
    memberIds,
    archived: row.archived,
    version: row.version,
  };
}

async function membersOf(
  db: Executor,
  companyId: string,
  groupIds: string[],
): Promise<Map<string, string[]>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(accountingTaxGroupMembers)
    .where(
      and(
        eq(accountingTaxGroupMembers.companyId, companyId),
        inArray(accountingTaxGroupMembers.groupId, groupIds),
      ),
    )
    .orderBy(asc(accountingTaxGroupMembers.position));
  const byGroup = new Map<string, string[]>();
  for (const row of rows) byGroup.set(row.groupId, [...(byGroup.get(row.groupId) ?? []), row.memberId]);
  return byGroup;
}

// Each rule a tax must meet, with the reason given when it does not.
const SHAPE_RULES: [(input: CreateTaxInput) => boolean, (input: CreateTaxInput) => string][] = [
  [(t) => t.kind !== 'percent' || !!t.ratePercent, () => 'a percent tax has a rate'],
  [(t) => t.kind !== 'fixed' || !!t.amount, () => 'a fixed tax has an amount per unit'],
  [(t) => t.kind !== 'group' || (t.memberIds ?? []).length > 0, () => 'a group lists its member taxes'],
  [(t) => t.kind === 'group' || !!t.accountId, () => 'a tax names the account its amounts post to'],
  [
    (t) => !EXEMPT_CATEGORIES.has(t.vatCategory) || !!t.exemptionReason || !!t.exemptionReasonCode,
    (t) => `VAT category ${t.vatCategory} needs an exemption reason or code (EN 16931)`,
  ],
  [
    (t) => !ZERO_RATE_CATEGORIES.has(t.vatCategory) || t.kind !== 'percent' || Number(t.ratePercent) === 0,
    (t) => `VAT category ${t.vatCategory} has a rate of 0`,
  ],
];
function checkShape(input: CreateTaxInput): void {
  const broken = SHAPE_RULES.find(([holds]) => !holds(input));
  if (broken) throw AccountingErrors.tax_invalid(broken[1](input));
}

export async function createTax(tx: Tx, input: CreateTaxInput): Promise<Tax> {
  const { companyId } = tx.ctx;
  await getSettings(tx.db, companyId);
  checkShape(input);
  if (input.accountId) await getAccount(tx.db, companyId, input.accountId);
  const members = input.kind === 'group' ? await taxesByIds(tx.db, companyId, input.memberIds ?? []) : [];
  if (members.some((member) => member.kind === 'group' || member.scope !== input.scope)) {
    throw AccountingErrors.tax_invalid('a group holds percent or fixed taxes of its own scope');
  }
  const id = newId();
  const [row] = await tx.db
    .insert(accountingTaxes)
    .values({
      companyId,
      id,
      code: input.code,
      name: input.name,
      scope: input.scope,
      kind: input.kind,
      ratePercent: input.kind === 'percent' ? input.ratePercent! : null,
      amount: input.kind === 'fixed' ? input.amount! : null,
      priceIncluded: input.priceIncluded,
      vatCategory: input.vatCategory,
      exemptionReason: input.exemptionReason ?? null,
      exemptionReasonCode: input.exemptionReasonCode ?? null,
      accountId: input.kind === 'group' ? null : input.accountId!,
      createdBy: tx.ctx.actor.id,
      updatedBy: tx.ctx.actor.id,
    })
    .returning()
    .catch((error) => {
      if (pgErrorOf(error)?.constraint === 'accounting_taxes_code_unique') {
        throw AccountingErrors.tax_code_taken(`a ${input.scope} tax ${input.code} exists already`);
      }
      throw error;
    });
  if (members.length > 0) {
    await tx.db
      .insert(accountingTaxGroupMembers)
      .values(members.map((member, position) => ({ companyId, groupId: id, memberId: member.id, position })));
  }
  const tax = toTax(
    row!,
    members.map((member) => member.id),
  );
  tx.audit('accounting.tax', id, 'create', diffRecords(null, tax));
  return tax;
}

export async function updateTax(tx: Tx, id: string, input: UpdateTaxInput): Promise<Tax> {
  const { companyId } = tx.ctx;
  const [before] = await taxesByIds(tx.db, companyId, [id]);
  if (!before) throw AccountingErrors.tax_not_found(`no tax has the id ${id}`);
  const { version, ...changes } = input;
  const [row] = await tx.db
    .update(accountingTaxes)
    .set({ ...changes, version: version + 1, updatedAt: new Date(), updatedBy: tx.ctx.actor.id })
    .where(
      and(
        eq(accountingTaxes.companyId, companyId),
        eq(accountingTaxes.id, id),
        eq(accountingTaxes.version, version),
      ),
    )
    .returning();
  if (!row)
    throw PlatformErrors.version_conflict(`tax ${id} is at version ${before.version}, not ${version}`);
  const after = toTax(row, before.memberIds);
  tx.audit('accounting.tax', id, 'update', diffRecords(before, after));
  return after;
}

export async function taxesByIds(db: Executor, companyId: string, ids: readonly string[]): Promise<Tax[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(accountingTaxes)
    .where(and(eq(accountingTaxes.companyId, companyId), inArray(accountingTaxes.id, [...new Set(ids)])));
  const members = await membersOf(
    db,
    companyId,
    rows.filter((r) => r.kind === 'group').map((r) => r.id),
  );
  const byId = new Map(rows.map((row) => [row.id, toTax(row, members.get(row.id) ?? [])]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

export async function listTaxes(
  db: Executor,
  companyId: string,
  query: { scope?: 'sale' | 'purchase' | undefined; archived?: boolean | undefined },
): Promise<Tax[]> {
  const rows = await db
    .select()
    .from(accountingTaxes)
    .where(
      and(
        eq(accountingTaxes.companyId, companyId),
        eq(accountingTaxes.archived, query.archived ?? false),
        query.scope ? eq(accountingTaxes.scope, query.scope) : undefined,
      ),
    )
    .orderBy(asc(accountingTaxes.scope), asc(accountingTaxes.code));
  const members = await membersOf(
    db,
    companyId,
    rows.filter((r) => r.kind === 'group').map((r) => r.id),
  );
  return rows.map((row) => toTax(row, members.get(row.id) ?? []));
}

/**
 * The taxes to apply for these tax ids, groups expanded into their members in order; refuses an
 * unknown or archived tax, or one of another scope.
 */
export async function appliedTaxes(
  db: Executor,
  companyId: string,
  taxIds: readonly string[],
  scope: 'sale' | 'purchase',
): Promise<AppliedTax[]> {
  const taxes = await taxesByIds(db, companyId, taxIds);
  const missing = taxIds.find((id) => !taxes.some((tax) => tax.id === id));
  if (missing) throw AccountingErrors.tax_not_found(`no tax has the id ${missing}`);
  const memberIds = taxes.flatMap((tax) => tax.memberIds);
  const members = new Map((await taxesByIds(db, companyId, memberIds)).map((tax) => [tax.id, tax]));
  const expanded = taxes.flatMap((tax) =>
    tax.kind === 'group' ? tax.memberIds.map((id) => members.get(id)!) : [tax],
  );
  for (const tax of [...taxes, ...expanded]) {
    if (tax.archived) throw AccountingErrors.tax_invalid(`tax ${tax.code} is archived`);
    if (tax.scope !== scope) throw AccountingErrors.tax_invalid(`tax ${tax.code} is a ${tax.scope} tax`);
  }
  return expanded.map((tax) => ({
    id: tax.id,
    kind: tax.kind as 'percent' | 'fixed',
    ratePercent: tax.ratePercent,
    amount: tax.amount,
    priceIncluded: tax.priceIncluded,
    code: tax.code,
    name: tax.name,
    vatCategory: tax.vatCategory,
    exemptionReason: tax.exemptionReason,
    exemptionReasonCode: tax.exemptionReasonCode,
    accountId: tax.accountId!,
  }));
}

/** Each tax id's applied taxes (a group's members, or the tax itself), for documents' lines. */
export async function appliedTaxesById(
  db: Executor,
  companyId: string,
  taxIds: readonly string[],
  scope: 'sale' | 'purchase',
): Promise<Map<string, AppliedTax[]>> {
  const unique = [...new Set(taxIds)];
  const byId = new Map<string, AppliedTax[]>();
  for (const id of unique) byId.set(id, await appliedTaxes(db, companyId, [id], scope));
  return byId;
}

export type TaxCategoryMapping = { category: string; saleTaxId: string | null; purchaseTaxId: string | null };

export async function listTaxCategories(db: Executor, companyId: string): Promise<TaxCategoryMapping[]> {
  const rows = await db
    .select()
    .from(accountingTaxCategories)
    .where(eq(accountingTaxCategories.companyId, companyId))
    .orderBy(asc(accountingTaxCategories.category));
  return rows.map(({ category, saleTaxId, purchaseTaxId }) => ({ category, saleTaxId, purchaseTaxId }));
}

export async function setTaxCategory(tx: Tx, mapping: TaxCategoryMapping): Promise<TaxCategoryMapping> {
  const { companyId } = tx.ctx;
  await getSettings(tx.db, companyId);
  for (const [id, scope] of [
    [mapping.saleTaxId, 'sale'],
    [mapping.purchaseTaxId, 'purchase'],
  ] as const) {
    if (id) await appliedTaxes(tx.db, companyId, [id], scope);
  }
  const before =
    (await listTaxCategories(tx.db, companyId)).find((m) => m.category === mapping.category) ?? null;
  const values = {
    saleTaxId: mapping.saleTaxId,
    purchaseTaxId: mapping.purchaseTaxId,
    updatedAt: new Date(),
    updatedBy: tx.ctx.actor.id,
  };
  await tx.db
    .insert(accountingTaxCategories)
    .values({ companyId, category: mapping.category, ...values, createdBy: tx.ctx.actor.id })
    .onConflictDoUpdate({
      target: [accountingTaxCategories.companyId, accountingTaxCategories.category],
      set: values,
    });
  tx.audit(
    'accounting.tax_category',
    mapping.category,
    before ? 'update' : 'create',
    diffRecords(before, mapping),
  );
  return mapping;
}

/** The taxes a product of this tax category carries when sold or bought (groups expanded). */
export async function taxesForCategory(
  db: Executor,
  companyId: string,
  category: string,
  scope: 'sale' | 'purchase',
): Promise<AppliedTax[]> {
  const [row] = await db
    .select()
    .from(accountingTaxCategories)
    .where(
      and(eq(accountingTaxCategories.companyId, companyId), eq(accountingTaxCategories.category, category)),
    );
  if (!row) {
    await getSettings(db, companyId);
    throw AccountingErrors.tax_category_unmapped(`map the tax category '${category}' to its taxes first`);
  }
  const id = scope === 'sale' ? row.saleTaxId : row.purchaseTaxId;
  return id ? appliedTaxes(db, companyId, [id], scope) : [];
}

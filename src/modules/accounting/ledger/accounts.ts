import { and, asc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { diffRecords } from '../../../platform/audit/changes.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { escapeLike } from '../../../platform/db/like.ts';
import { pgErrorOf } from '../../../platform/db/pg-error.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { PlatformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { isKnownCurrency } from '../../../shared/money.ts';
import type { AccountPurpose } from '../chart/template.ts';
import type { Account, AccountMapping, CreateAccountInput, UpdateAccountInput } from '../contracts.ts';
import { AccountingErrors } from '../errors.ts';
import { ACCOUNT_KINDS, accountingAccountMappings, accountingAccounts } from './schema.ts';
import { getSettings } from './settings.ts';

type AccountRow = typeof accountingAccounts.$inferSelect;

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    kind: row.kind,
    reconcilable: row.reconcilable,
    currencyCode: row.currencyCode,
    archived: row.archived,
    version: row.version,
  };
}

export async function createAccount(tx: Tx, input: CreateAccountInput): Promise<Account> {
  await getSettings(tx.db, tx.ctx.companyId);
  if (input.currencyCode && !isKnownCurrency(input.currencyCode)) {
    throw AccountingErrors.currency_invalid(`${input.currencyCode} is not an ISO 4217 currency`);
  }
  const [row] = await tx.db
    .insert(accountingAccounts)
    .values({
      companyId: tx.ctx.companyId,
      id: newId(),
      code: input.code,
      name: input.name,
      type: ACCOUNT_KINDS[input.kind],
      kind: input.kind,
      // Receivables and payables are open items by nature.
      reconcilable: input.reconcilable ?? (input.kind === 'receivable' || input.kind === 'payable'),
      currencyCode: input.currencyCode ?? null,
      createdBy: tx.ctx.actor.id,
      updatedBy: tx.ctx.actor.id,
    })
    .returning()
    .catch((error) => {
      if (pgErrorOf(error)?.constraint === 'accounting_accounts_code_unique') {
        throw AccountingErrors.account_code_taken(`account ${input.code} exists already`);
      }
      throw error;
    });
  const account = toAccount(row!);
  tx.audit('accounting.account', account.id, 'create', diffRecords(null, account));
  return account;
}

export async function getAccount(db: Executor, companyId: string, id: string): Promise<Account> {
  const [row] = await db
    .select()
    .from(accountingAccounts)
    .where(and(eq(accountingAccounts.companyId, companyId), eq(accountingAccounts.id, id)));
  if (!row) throw AccountingErrors.account_not_found(`no account has the id ${id}`);
  return toAccount(row);
}

export async function updateAccount(tx: Tx, id: string, input: UpdateAccountInput): Promise<Account> {
  const before = await getAccount(tx.db, tx.ctx.companyId, id);
  const { version, ...changes } = input;
  const [row] = await tx.db
    .update(accountingAccounts)
    .set({ ...changes, version: version + 1, updatedAt: new Date(), updatedBy: tx.ctx.actor.id })
    .where(
      and(
        eq(accountingAccounts.companyId, tx.ctx.companyId),
        eq(accountingAccounts.id, id),
        eq(accountingAccounts.version, version),
      ),
    )
    .returning();
  if (!row) {
    throw PlatformErrors.version_conflict(`account ${id} is at version ${before.version}, not ${version}`);
  }
  const after = toAccount(row);
  tx.audit('accounting.account', id, 'update', diffRecords(before, after));
  return after;
}

export async function listAccounts(
  db: Executor,
  companyId: string,
  query: {
    q?: string | undefined;
    type?: string | undefined;
    kind?: string | undefined;
    archived?: boolean | undefined;
  },
): Promise<Account[]> {
  const filters: (SQL | undefined)[] = [
    eq(accountingAccounts.companyId, companyId),
    eq(accountingAccounts.archived, query.archived ?? false),
    query.type ? eq(accountingAccounts.type, query.type as AccountRow['type']) : undefined,
    query.kind ? eq(accountingAccounts.kind, query.kind as AccountRow['kind']) : undefined,
    query.q
      ? or(
          ilike(accountingAccounts.code, `${escapeLike(query.q)}%`),
          ilike(accountingAccounts.name, `%${escapeLike(query.q)}%`),
        )
      : undefined,
  ];
  const rows = await db
    .select()
    .from(accountingAccounts)
    .where(and(...filters))
    .orderBy(asc(accountingAccounts.code));
  return rows.map(toAccount);
}

/** The accounts with these ids, by id; the caller decides what a missing one means. */
export async function accountsByIds(
  db: Executor,
  companyId: string,
  ids: string[],
): Promise<Map<string, Account>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(accountingAccounts)
    .where(
      and(eq(accountingAccounts.companyId, companyId), inArray(accountingAccounts.id, [...new Set(ids)])),
    );
  return new Map(rows.map((row) => [row.id, toAccount(row)]));
}

export async function accountByCode(
  db: Executor,
  companyId: string,
  code: string,
): Promise<Account | undefined> {
  const [row] = await db
    .select()
    .from(accountingAccounts)
    .where(and(eq(accountingAccounts.companyId, companyId), eq(accountingAccounts.code, code)));
  return row ? toAccount(row) : undefined;
}

/** The account a posting rule uses for `purpose`, as mapped for the company. */
export async function accountFor(db: Executor, companyId: string, purpose: AccountPurpose): Promise<Account> {
  const [row] = await db
    .select({ account: accountingAccounts })
    .from(accountingAccountMappings)
    .innerJoin(
      accountingAccounts,
      and(
        eq(accountingAccounts.companyId, accountingAccountMappings.companyId),
        eq(accountingAccounts.id, accountingAccountMappings.accountId),
      ),
    )
    .where(
      and(eq(accountingAccountMappings.companyId, companyId), eq(accountingAccountMappings.purpose, purpose)),
    );
  if (!row) {
    await getSettings(db, companyId);
    throw AccountingErrors.mapping_missing(`map an account for '${purpose}' first`);
  }
  return toAccount(row.account);
}

export async function listMappings(db: Executor, companyId: string): Promise<AccountMapping[]> {
  const rows = await db
    .select({
      purpose: accountingAccountMappings.purpose,
      accountId: accountingAccountMappings.accountId,
      accountCode: accountingAccounts.code,
    })
    .from(accountingAccountMappings)
    .innerJoin(
      accountingAccounts,
      and(
        eq(accountingAccounts.companyId, accountingAccountMappings.companyId),
        eq(accountingAccounts.id, accountingAccountMappings.accountId),
      ),
    )
    .where(eq(accountingAccountMappings.companyId, companyId))
    .orderBy(asc(accountingAccountMappings.purpose));
  return rows;
}

export async function setMapping(
  tx: Tx,
  purpose: AccountPurpose,
  accountId: string,
): Promise<AccountMapping> {
  const { companyId } = tx.ctx;
  const account = await getAccount(tx.db, companyId, accountId);
  if (account.archived) throw AccountingErrors.account_archived(`account ${account.code} is archived`);
  const [before] = (await listMappings(tx.db, companyId)).filter((m) => m.purpose === purpose);
  await tx.db
    .insert(accountingAccountMappings)
    .values({ companyId, purpose, accountId, createdBy: tx.ctx.actor.id, updatedBy: tx.ctx.actor.id })
    .onConflictDoUpdate({
      target: [accountingAccountMappings.companyId, accountingAccountMappings.purpose],
      set: { accountId, updatedAt: new Date(), updatedBy: tx.ctx.actor.id },
    });
  const after = { purpose, accountId, accountCode: account.code };
  tx.audit('accounting.account_mapping', purpose, 'set', diffRecords(before ?? null, after));
  return after;
}

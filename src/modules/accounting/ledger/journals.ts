import { and, asc, eq } from 'drizzle-orm';
import { diffRecords } from '../../../platform/audit/changes.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { pgErrorOf } from '../../../platform/db/pg-error.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { isValidIban, normaliseIban } from '../../../shared/iban.ts';
import type { CreateJournalInput, Journal } from '../contracts.ts';
import { AccountingErrors } from '../errors.ts';
import { getAccount } from './accounts.ts';
import { accountingJournals } from './schema.ts';
import { getSettings } from './settings.ts';

type JournalRow = typeof accountingJournals.$inferSelect;

function toJournal(row: JournalRow): Journal {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    defaultAccountId: row.defaultAccountId,
    bankIban: row.bankIban,
    currencyCode: row.currencyCode,
    archived: row.archived,
  };
}

export async function createJournal(tx: Tx, input: CreateJournalInput): Promise<Journal> {
  const { companyId } = tx.ctx;
  await getSettings(tx.db, companyId);
  const moneyJournal = input.type === 'bank' || input.type === 'cash';
  if (moneyJournal && !input.defaultAccountId) {
    throw AccountingErrors.journal_account_required(`journal ${input.code} is a ${input.type} journal`);
  }
  if (input.defaultAccountId) {
    const account = await getAccount(tx.db, companyId, input.defaultAccountId);
    if (moneyJournal && account.kind !== input.type) {
      throw AccountingErrors.journal_account_required(
        `a ${input.type} journal keeps its money on a ${input.type} account; ${account.code} is ${account.kind}`,
      );
    }
  }
  if (input.bankIban && !isValidIban(input.bankIban)) {
    throw AccountingErrors.iban_invalid(`${input.bankIban} is not a valid IBAN`, [
      { path: 'bankIban', message: 'not a valid IBAN' },
    ]);
  }
  const [row] = await tx.db
    .insert(accountingJournals)
    .values({
      companyId,
      id: newId(),
      code: input.code,
      name: input.name,
      type: input.type,
      defaultAccountId: input.defaultAccountId ?? null,
      bankIban: input.bankIban ? normaliseIban(input.bankIban) : null,
      currencyCode: input.currencyCode ?? null,
      createdBy: tx.ctx.actor.id,
      updatedBy: tx.ctx.actor.id,
    })
    .returning()
    .catch((error) => {
      if (pgErrorOf(error)?.constraint === 'accounting_journals_code_unique') {
        throw AccountingErrors.journal_code_taken(`journal ${input.code} exists already`);
      }
      throw error;
    });
  const journal = toJournal(row!);
  tx.audit('accounting.journal', journal.id, 'create', diffRecords(null, journal));
  return journal;
}

export async function getJournal(db: Executor, companyId: string, id: string): Promise<Journal> {
  const [row] = await db
    .select()
    .from(accountingJournals)
    .where(and(eq(accountingJournals.companyId, companyId), eq(accountingJournals.id, id)));
  if (!row) throw AccountingErrors.journal_not_found(`no journal has the id ${id}`);
  return toJournal(row);
}

export async function listJournals(db: Executor, companyId: string): Promise<Journal[]> {
  const rows = await db
    .select()
    .from(accountingJournals)
    .where(eq(accountingJournals.companyId, companyId))
    .orderBy(asc(accountingJournals.code));
  return rows.map(toJournal);
}

/** The company's first journal of a type (its sales journal, its cash journal…). */
export async function journalOfType(
  db: Executor,
  companyId: string,
  type: Journal['type'],
): Promise<Journal> {
  const [row] = await db
    .select()
    .from(accountingJournals)
    .where(
      and(
        eq(accountingJournals.companyId, companyId),
        eq(accountingJournals.type, type),
        eq(accountingJournals.archived, false),
      ),
    )
    .orderBy(asc(accountingJournals.createdAt), asc(accountingJournals.id))
    .limit(1);
  if (!row) {
    await getSettings(db, companyId);
    throw AccountingErrors.journal_not_found(`the company has no ${type} journal`);
  }
  return toJournal(row);
}

import { parse } from 'csv-parse/sync';
import type { Tx } from '../../../platform/db/tx.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { fromMinor } from '../../../shared/money.ts';
import { existingPartyIds, listParties } from '../../crm/index.ts';
import { AccountingErrors } from '../errors.ts';
import { listAccounts } from './accounts.ts';
import { exactMinor, getEntry } from './entries.ts';
import { journalOfType } from './journals.ts';
import { numberPending } from './numbering.ts';
import { type PostingLine, postEntry } from './post-entry.ts';
import { getSettings } from './settings.ts';

export const OPENING_BALANCE = 'accounting.opening_balance';
const MAX_ROWS = 20_000;

export type OpeningBalancesResult = {
  dryRun: boolean;
  lines: number;
  debit: string;
  credit: string;
  problems: FieldError[];
  entryId: string | null;
};

type Row = Record<string, string>;

function readCsv(csv: string): Row[] {
  try {
    return parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw AccountingErrors.statement_invalid(`the CSV cannot be read: ${(error as Error).message}`);
  }
}

/**
 * Opening balances from a CSV (`account,debit,credit,partner,description`; partner is a party id
 * or VAT id, needed on receivables and payables): every bad row reported with its line number, and
 * without `dryRun` posted as one balanced entry in the general journal, or nothing at all.
 */
export async function importOpeningBalances(
  tx: Tx,
  input: { date: string; csv: string; dryRun: boolean },
): Promise<OpeningBalancesResult> {
  const { companyId } = tx.ctx;
  const { currencyCode } = await getSettings(tx.db, companyId);
  const rows = readCsv(input.csv);
  if (rows.length > MAX_ROWS) throw AccountingErrors.statement_invalid(`at most ${MAX_ROWS} rows`);
  const accounts = new Map((await listAccounts(tx.db, companyId, {})).map((a) => [a.code, a]));
  const partners = await partnerIndex(tx, rows);
  const problems: FieldError[] = [];
  const lines: PostingLine[] = [];
  for (const [index, row] of rows.entries()) {
    const at = `line ${index + 2}`;
    const problem = (message: string) => problems.push({ path: at, message });
    const account = accounts.get(row.account ?? '');
    if (!account) {
      problem(`no account ${row.account ?? '(empty)'}`);
      continue;
    }
    let debitMinor = 0;
    let creditMinor = 0;
    try {
      debitMinor = row.debit ? exactMinor(row.debit, currencyCode, at) : 0;
      creditMinor = row.credit ? exactMinor(row.credit, currencyCode, at) : 0;
    } catch (error) {
      problem((error as Error).message);
      continue;
    }
    if (debitMinor > 0 === creditMinor > 0) {
      problem('give a debit or a credit');
      continue;
    }
    const partnerId = row.partner ? partners.get(normal(row.partner)) : null;
    if (row.partner && !partnerId) {
      problem(`no party ${row.partner}`);
      continue;
    }
    if ((account.kind === 'receivable' || account.kind === 'payable') && !partnerId) {
      problem(`account ${account.code} needs a partner`);
      continue;
    }
    lines.push({
      accountId: account.id,
      debitMinor,
      creditMinor,
      partnerId: partnerId ?? null,
      description: row.description || 'Opening balance',
    });
  }
  const debit = lines.reduce((sum, l) => sum + l.debitMinor, 0);
  const credit = lines.reduce((sum, l) => sum + l.creditMinor, 0);
  if (problems.length === 0 && debit !== credit) {
    problems.push({
      path: 'file',
      message: `debits ${fromMinor(debit, currencyCode)} and credits ${fromMinor(credit, currencyCode)} differ`,
    });
  }
  const result = {
    dryRun: input.dryRun,
    lines: lines.length,
    debit: fromMinor(debit, currencyCode),
    credit: fromMinor(credit, currencyCode),
    problems,
    entryId: null,
  };
  if (input.dryRun) return result;
  if (problems.length > 0)
    throw AccountingErrors.entry_line_invalid(
      `${problems.length} problem(s); nothing was imported`,
      problems,
    );
  const general = await journalOfType(tx.db, companyId, 'general');
  const posted = await postEntry(tx, {
    journalId: general.id,
    date: input.date,
    description: 'Opening balances',
    sourceType: OPENING_BALANCE,
    lines,
  });
  await numberPending(tx);
  return { ...result, entryId: (await getEntry(tx.db, companyId, posted.id)).id };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const normal = (key: string) => key.toUpperCase().replace(/\s+/g, '');

// Parties by id and by VAT id, for the partner column.
async function partnerIndex(tx: Tx, rows: Row[]): Promise<Map<string, string>> {
  const wanted = [...new Set(rows.map((row) => row.partner).filter((p): p is string => !!p))];
  const index = new Map<string, string>();
  const ids = await existingPartyIds(
    tx.db,
    tx.ctx.companyId,
    wanted.filter((key) => UUID.test(key)),
  );
  for (const id of ids) index.set(normal(id), id);
  for (const key of wanted.filter((k) => !UUID.test(k))) {
    const page = await listParties(tx.db, tx.ctx.companyId, { limit: 5, sort: 'name', q: key });
    const party = page.data.find((p) => p.taxId && normal(p.taxId) === normal(key));
    if (party) index.set(normal(key), party.id);
  }
  return index;
}

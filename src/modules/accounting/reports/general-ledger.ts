import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.ts';
import { PlatformErrors } from '../../../platform/errors.ts';
import { fromMinor } from '../../../shared/money.ts';
import { getAccount } from '../ledger/accounts.ts';
import { getSettings } from '../ledger/settings.ts';

export type LedgerLine = {
  lineId: string;
  entryId: string;
  entryNumber: string | null;
  date: string;
  description: string;
  partnerId: string | null;
  debit: string;
  credit: string;
  balance: string;
  balanceMinor: number;
};

export type GeneralLedger = {
  account: { id: string; code: string; name: string };
  from: string;
  to: string;
  currencyCode: string;
  /** The balance before the first line of this page. */
  opening: string;
  openingMinor: number;
  lines: LedgerLine[];
  page: { nextCursor: string | null; limit: number };
};

type Cursor = { date: string; id: string };
const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decode(raw: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof value.date !== 'string' || typeof value.id !== 'string') throw new Error('shape');
    return value;
  } catch {
    throw PlatformErrors.invalid_cursor('the cursor is malformed');
  }
}

/** An account's lines from `from` to `to` in date order with the running balance, a page at a time. */
export async function generalLedger(
  db: Executor,
  companyId: string,
  query: { accountId: string; from: string; to: string; limit: number; cursor?: string | undefined },
): Promise<GeneralLedger> {
  const { currencyCode } = await getSettings(db, companyId);
  const account = await getAccount(db, companyId, query.accountId);
  const cursor = query.cursor ? decode(query.cursor) : null;
  const after = cursor ? sql`(l.date, l.id) > (${cursor.date}::date, ${cursor.id}::uuid)` : sql`true`;
  const upTo = cursor ? sql`(l.date, l.id) <= (${cursor.date}::date, ${cursor.id}::uuid)` : sql`false`;
  const [opening] = await queryRows<{ balance: string | number }>(
    db,
    sql`select coalesce(sum(l.debit_minor - l.credit_minor), 0)::bigint as balance
          from accounting_entry_lines l
         where l.company_id = ${companyId} and l.account_id = ${account.id}
           and (l.date < ${query.from} or (l.date <= ${query.to} and ${upTo}))`,
  );
  const rows = await queryRows<{
    id: string;
    entry_id: string;
    number: string | null;
    date: string;
    description: string | null;
    entry_description: string;
    partner_id: string | null;
    debit_minor: number;
    credit_minor: number;
  }>(
    db,
    sql`select l.id, l.entry_id, e.number, to_char(l.date, 'YYYY-MM-DD') as date, l.description,
               e.description as entry_description, l.partner_id, l.debit_minor, l.credit_minor
          from accounting_entry_lines l
          join accounting_entries e on e.company_id = l.company_id and e.id = l.entry_id
         where l.company_id = ${companyId} and l.account_id = ${account.id}
           and l.date >= ${query.from} and l.date <= ${query.to} and ${after}
         order by l.date, l.id
         limit ${query.limit + 1}`,
  );
  const openingMinor = Number(opening?.balance ?? 0);
  let balance = openingMinor;
  const lines = rows.slice(0, query.limit).map((row) => {
    balance += Number(row.debit_minor) - Number(row.credit_minor);
    return {
      lineId: row.id,
      entryId: row.entry_id,
      entryNumber: row.number,
      date: row.date,
      description: row.description ?? row.entry_description,
      partnerId: row.partner_id,
      debit: fromMinor(Number(row.debit_minor), currencyCode),
      credit: fromMinor(Number(row.credit_minor), currencyCode),
      balance: fromMinor(balance, currencyCode),
      balanceMinor: balance,
    };
  });
  const last = lines.at(-1);
  return {
    account: { id: account.id, code: account.code, name: account.name },
    from: query.from,
    to: query.to,
    currencyCode,
    opening: fromMinor(openingMinor, currencyCode),
    openingMinor,
    lines,
    page: {
      nextCursor: rows.length > query.limit && last ? encode({ date: last.date, id: last.lineId }) : null,
      limit: query.limit,
    },
  };
}

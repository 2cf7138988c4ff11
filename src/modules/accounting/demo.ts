import type { Tx } from '../../platform/db/tx.ts';
import { accountByCode } from './ledger/accounts.ts';
import { journalOfType } from './ledger/journals.ts';
import { type PostingLine, postEntry } from './ledger/post-entry.ts';
import { setupAccounting } from './setup.ts';

const line = (accountId: string, side: 'debit' | 'credit', amountMinor: number): PostingLine => ({
  accountId,
  debitMinor: side === 'debit' ? amountMinor : 0,
  creditMinor: side === 'credit' ? amountMinor : 0,
});

// The demo company's books: the generic chart, an opening balance, and each month's rent,
// salaries and bank fees up to this month, paid from the bank.
export async function loadAccountingDemo(tx: Tx, progress: (message: string) => void): Promise<void> {
  const year = new Date().getUTCFullYear();
  await setupAccounting(tx, {
    template: 'generic',
    fiscalYearStart: `${year}-01-01`,
    taxRounding: 'per_line',
  });
  const { companyId } = tx.ctx;
  const account = async (code: string) => (await accountByCode(tx.db, companyId, code))!.id;
  // One after the other: a transaction's connection runs one query at a time.
  const ids: string[] = [];
  for (const code of ['1000', '3000', '2400', '6100', '6000', '6400']) ids.push(await account(code));
  const [bank, capital, loans, rent, salaries, fees] = ids;
  const general = await journalOfType(tx.db, companyId, 'general');
  const bankJournal = await journalOfType(tx.db, companyId, 'bank');
  await postEntry(tx, {
    journalId: general.id,
    date: `${year}-01-01`,
    description: 'Opening balances',
    sourceType: 'demo',
    lines: [
      line(bank!, 'debit', 6_000_000),
      line(capital!, 'credit', 4_500_000),
      line(loans!, 'credit', 1_500_000),
    ],
  });
  const thisMonth = new Date().getUTCMonth() + 1;
  for (let month = 1; month <= thisMonth; month++) {
    const date = `${year}-${String(month).padStart(2, '0')}-01`;
    const monthly: [string, string, number][] = [
      ['Shop rent', rent!, 240_000],
      ['Salaries', salaries!, 1_180_000 + month * 7_500],
      ['Bank fees', fees!, 2_350 + (month % 3) * 410],
    ];
    for (const [description, expense, amount] of monthly) {
      await postEntry(tx, {
        journalId: bankJournal.id,
        date,
        description: `${description} ${date.slice(0, 7)}`,
        sourceType: 'demo',
        lines: [line(expense, 'debit', amount), line(bank!, 'credit', amount)],
      });
    }
  }
  progress(`accounting: generic chart, opening balances and ${thisMonth * 3} bank entries`);
}

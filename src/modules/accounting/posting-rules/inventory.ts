// Stock value into the books: every move that changes the value of stock posts, in the same
// transaction, the inventory account against what the goods came from or went to.

import type { z } from 'zod';
import type { Tx } from '../../../platform/db/tx.ts';
import type { DeliveredEvent, InTransactionSubscriber } from '../../../platform/events/registry.ts';
import { ValuationChanged } from '../../inventory/index.ts';
import type { AccountPurpose } from '../chart/template.ts';
import { accountFor } from '../ledger/accounts.ts';
import { journalOfType } from '../ledger/journals.ts';
import { type PostingLine, postEntry } from '../ledger/post-entry.ts';
import { isSetUp } from '../ledger/settings.ts';

type Valuation = z.output<typeof ValuationChanged.schema>;

/**
 * The account across from stock: opening stock is an opening balance; goods from a supplier wait in goods-received-not-invoiced until
 * the bill; goods to or from customers and production are cost of goods sold; losses and gains are
 * inventory losses.
 */
export function counterpartPurpose(valuation: Valuation): AccountPurpose {
  const other = valuation.valueMinor >= 0 ? valuation.from.kind : valuation.to.kind;
  // Stock on hand when the books start (reason 'opening') is an opening balance.
  if (valuation.reason === 'opening') return 'opening_balance';
  if (other === 'supplier') return 'stock_received_not_invoiced';
  if (other === 'loss') return 'inventory_loss';
  return 'cost_of_goods_sold';
}

function signed(accountId: string, debitPositiveMinor: number, description: string): PostingLine | null {
  if (debitPositiveMinor === 0) return null;
  return {
    accountId,
    debitMinor: debitPositiveMinor > 0 ? debitPositiveMinor : 0,
    creditMinor: debitPositiveMinor < 0 ? -debitPositiveMinor : 0,
    description,
  };
}

async function postValuation(tx: Tx, event: DeliveredEvent<Valuation>): Promise<void> {
  const valuation = event.payload;
  const { companyId } = tx.ctx;
  if (valuation.valueMinor === 0 || !(await isSetUp(tx.db, companyId))) return;
  const stock = await accountFor(tx.db, companyId, 'inventory');
  const counterpart = await accountFor(tx.db, companyId, counterpartPurpose(valuation));
  const cogs = await accountFor(tx.db, companyId, 'cost_of_goods_sold');
  const what = `${valuation.reason} ${valuation.quantity}`;
  const lines = [
    signed(stock.id, valuation.valueMinor, `Stock ${what}`),
    signed(counterpart.id, -(valuation.valueMinor - valuation.settlementMinor), what),
    signed(cogs.id, -valuation.settlementMinor, 'Settlement of goods sold past zero stock'),
  ].filter((line): line is PostingLine => line !== null);
  const general = await journalOfType(tx.db, companyId, 'general');
  await postEntry(tx, {
    journalId: general.id,
    date: event.createdAt.slice(0, 10),
    reference: valuation.referenceId,
    description: `Stock valuation: ${what}`,
    sourceType: 'inventory.valuation',
    sourceId: valuation.moveId,
    lines: mergeSameAccount(lines),
  });
}

// Settlement and counterpart can be the same account (a sale): one line each way reads better.
function mergeSameAccount(lines: PostingLine[]): PostingLine[] {
  const byAccount = new Map<string, PostingLine>();
  for (const line of lines) {
    const existing = byAccount.get(line.accountId);
    if (!existing) {
      byAccount.set(line.accountId, { ...line });
      continue;
    }
    const net = existing.debitMinor - existing.creditMinor + line.debitMinor - line.creditMinor;
    byAccount.set(line.accountId, {
      ...existing,
      debitMinor: Math.max(net, 0),
      creditMinor: Math.max(-net, 0),
    });
  }
  return [...byAccount.values()].filter((line) => line.debitMinor > 0 || line.creditMinor > 0);
}

export const inventoryPostingRules = [
  { name: 'accounting.post-stock-valuation', event: ValuationChanged, handle: postValuation },
] as unknown as InTransactionSubscriber[];

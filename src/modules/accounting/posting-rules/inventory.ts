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
    debitMinor: Math.max(debitPositiveMinor, 0),
    creditMinor: debitPositiveMinor < 0 ? -debitPositiveMinor : 0,
    description,
  };
}

// A transaction that moves many items (a delivery, a count, an import) books their value in one
// entry, at its end: the stock account against each counterpart, summed per account. The entry
// commits with the moves or not at all, so each move is booked exactly once.
const pending = new WeakMap<Tx, DeliveredEvent<Valuation>[]>();

async function postValuation(tx: Tx, event: DeliveredEvent<Valuation>): Promise<void> {
  if (event.payload.valueMinor === 0) return;
  const queue = pending.get(tx) ?? [];
  pending.set(tx, queue);
  queue.push(event);
  tx.beforeCommit('accounting.stock-valuation', () => postPending(tx));
}

async function postPending(tx: Tx): Promise<void> {
  const { companyId } = tx.ctx;
  const queue = pending.get(tx) ?? [];
  const events = queue.splice(0);
  if (events.length === 0 || !(await isSetUp(tx.db, companyId))) return;
  const accounts = new Map<AccountPurpose, string>();
  const account = async (purpose: AccountPurpose) => {
    if (!accounts.has(purpose)) accounts.set(purpose, (await accountFor(tx.db, companyId, purpose)).id);
    return accounts.get(purpose)!;
  };
  const general = await journalOfType(tx.db, companyId, 'general');
  const byDate = new Map<string, DeliveredEvent<Valuation>[]>();
  for (const event of events) {
    const date = event.createdAt.slice(0, 10);
    byDate.set(date, [...(byDate.get(date) ?? []), event]);
  }
  for (const [date, group] of byDate) {
    const lines: PostingLine[] = [];
    for (const { payload: valuation } of group) {
      const what = `${valuation.reason} ${valuation.quantity}`;
      lines.push(
        ...[
          signed(await account('inventory'), valuation.valueMinor, 'Stock'),
          signed(
            await account(counterpartPurpose(valuation)),
            -(valuation.valueMinor - valuation.settlementMinor),
            what,
          ),
          signed(
            await account('cost_of_goods_sold'),
            -valuation.settlementMinor,
            'Settlement of goods sold past zero stock',
          ),
        ].filter((line): line is PostingLine => line !== null),
      );
    }
    const merged = mergeSameAccount(lines);
    if (merged.length < 2) continue;
    const first = group[0]!.payload;
    const reasons = [...new Set(group.map((e) => e.payload.reason))].join(', ');
    await postEntry(tx, {
      journalId: general.id,
      date,
      reference: first.referenceId,
      description: `Stock valuation: ${group.length} move(s), ${reasons}`,
      sourceType: 'inventory.valuation',
      sourceId: first.moveId,
      lines: merged,
    });
  }
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

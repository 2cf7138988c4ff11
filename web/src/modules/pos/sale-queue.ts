import { isProblem } from '../../api/problem';
import { postSale, type SaleBody } from './api';
import { isNetworkError } from './connectivity';
import { idbAll, idbDelete, idbPut } from './idb';

// Sales made while the server was out of reach wait here, each with the id the till gave it, and
// are sent when it answers again: the server records a client sale id once, so a sale sent twice
// (a sync cut off after the server committed) is recorded once.
export type QueuedSale = SaleBody & { queuedAt: string; refusal?: string };

const listeners = new Set<() => void>();
const changed = () => {
  for (const listener of listeners) listener();
};

export function onQueueChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function queueSale(body: SaleBody): Promise<void> {
  await idbPut('queue', { ...body, offline: true, queuedAt: new Date().toISOString() } satisfies QueuedSale);
  changed();
}

export async function queuedSales(): Promise<QueuedSale[]> {
  return (await idbAll<QueuedSale>('queue')).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export type Drained = { recorded: number; flagged: number };
let draining: Promise<Drained> | undefined;

/**
 * Sends the queued sales in the order they were made; stops at the first that gets no answer.
 * A sale the server refuses stays queued with the reason, for a manager to see. Resolves with
 * the number recorded, and of those recorded past the stock on hand (flagged for the stock manager).
 */
export function drainQueue(): Promise<Drained> {
  draining ??= (async () => {
    let recorded = 0;
    let flagged = 0;
    try {
      for (const { queuedAt: _at, refusal: _refusal, ...sale } of await queuedSales()) {
        try {
          const answer = await postSale(sale);
          await idbDelete('queue', sale.clientSaleId);
          recorded++;
          if (answer.stockFlagged) flagged++;
        } catch (error) {
          if (isNetworkError(error)) break;
          const refusal = isProblem(error) ? error.message : String(error);
          await idbPut('queue', { ...sale, queuedAt: _at, refusal } satisfies QueuedSale);
        }
        changed();
      }
    } finally {
      draining = undefined;
    }
    return { recorded, flagged };
  })();
  return draining;
}

// A small order workload that keeps going through crashes: each business operation is retried with
// the same Idempotency-Key (or the same client sale id) until the server answers it, and only
// operations that got a success answer are counted as acknowledged.
import { newId } from '../../src/platform/ids.ts';

export type Target = { url: string };
export type Setup = {
  auth: Record<string, string>;
  warehouseId: string;
  customerId: string;
  registerId: string;
  shiftId: string;
  items: { variantId: string; price: string }[];
};
export type Acknowledged = { sales: string[]; orders: string[]; attemptedSales: string[]; refused: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Network errors while the server is down, and 5xx while PostgreSQL restarts, are worth retrying;
// a 409 "in progress" means a crashed attempt's key is still being sorted out.
function retryable(status: number, code: string | undefined): boolean {
  return status >= 500 || code === 'platform.idempotency_key_in_progress';
}

/** Sends one write until it gets an answer that is not a crash; returns that answer. */
async function until(
  target: Target,
  deadline: number,
  path: string,
  auth: Record<string, string>,
  body: unknown,
  key: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  for (;;) {
    if (Date.now() > deadline + 60_000) throw new Error(`no answer for ${path} before the deadline`);
    try {
      const response = await fetch(`${target.url}/api/v1${path}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const answer = (await response.json()) as Record<string, unknown>;
      if (!retryable(response.status, answer.code as string | undefined))
        return { status: response.status, body: answer };
    } catch {
      // The server is down or was killed mid-request: try again once it is back.
    }
    await sleep(150);
  }
}

const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;

/** Runs `clients` loops of POS sales and quote → confirm → deliver orders until `stopAt`. */
export async function runWorkload(
  target: Target,
  setup: Setup,
  clients: number,
  stopAt: number,
): Promise<Acknowledged> {
  const acknowledged: Acknowledged = { sales: [], orders: [], attemptedSales: [], refused: 0 };
  const loop = async (client: number) => {
    for (let n = 0; Date.now() < stopAt; n++) {
      if ((n + client) % 3 === 0) {
        const item = pick(setup.items, n + client);
        const clientSaleId = `fault-${newId()}`;
        acknowledged.attemptedSales.push(clientSaleId);
        const sale = await until(
          target,
          stopAt,
          '/pos/sales',
          setup.auth,
          {
            registerId: setup.registerId,
            shiftId: setup.shiftId,
            clientSaleId,
            lines: [{ variantId: item.variantId, quantity: '1', unitPrice: item.price }],
            payments: [{ method: 'cash', amount: '1000.00' }],
          },
          clientSaleId,
        );
        if (sale.status === 201) acknowledged.sales.push(clientSaleId);
        else acknowledged.refused += 1;
        continue;
      }
      const key = newId();
      const lines = [0, 1, 2].map((i) => ({ variantId: pick(setup.items, n + i).variantId, quantity: '2' }));
      const quote = await until(
        target,
        stopAt,
        '/sales/orders',
        setup.auth,
        { customerId: setup.customerId, warehouseId: setup.warehouseId, lines },
        `${key}-quote`,
      );
      if (quote.status !== 201) {
        acknowledged.refused += 1;
        continue;
      }
      const orderId = quote.body.id as string;
      const confirmed = await until(
        target,
        stopAt,
        `/sales/orders/${orderId}/confirm`,
        setup.auth,
        {},
        `${key}-confirm`,
      );
      if (confirmed.status !== 200) {
        acknowledged.refused += 1;
        continue;
      }
      const delivered = await until(
        target,
        stopAt,
        `/sales/orders/${orderId}/deliveries`,
        setup.auth,
        {},
        `${key}-deliver`,
      );
      if (delivered.status === 200) acknowledged.orders.push(orderId);
      else acknowledged.refused += 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, client) => loop(client)));
  return acknowledged;
}

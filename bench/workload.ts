import { HOT_PRODUCTS, type SeedInfo } from './seed.ts';

// The transactions, TPC-C style, as HTTP steps: the same business work against Tandem's API
// and against the raw floor. Choices come from a seeded generator; products are drawn
// non-uniformly (TPC-C's NURand, plus a handful of hot products) so that stock rows are contended.

export type Context = Record<string, unknown>;
export type Step = {
  method: 'GET' | 'POST';
  path: (ctx: Context) => string;
  body?: (ctx: Context) => unknown;
  /** Statuses that count as success. */
  ok: number[];
  capture?: (body: string, ctx: Context) => void;
};
export type Transaction = { name: string; steps: Step[] };
export type Target = 'tandem' | 'raw';

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Chooser {
  private readonly random: () => number;
  private readonly c: number;
  constructor(
    private readonly data: SeedInfo,
    seed: number,
  ) {
    this.random = seededRandom(seed);
    this.c = this.int(0, 8191);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  // TPC-C's non-uniform random: a few values far more often than the rest.
  private nuRand(a: number, n: number): number {
    return ((this.int(0, a) | this.int(0, n - 1)) + this.c) % n;
  }
  variantIndex(): number {
    if (this.random() < 0.1) return this.int(0, HOT_PRODUCTS - 1);
    return this.nuRand(8191, this.data.variantIds.length);
  }
  lines(min: number, max: number, maxQuantity: number) {
    const count = this.int(min, max);
    const picked = new Set<number>();
    while (picked.size < count) picked.add(this.variantIndex());
    return [...picked].map((i) => ({
      variantId: this.data.variantIds[i]!,
      quantity: String(this.int(1, maxQuantity)),
    }));
  }
  customer(): string {
    return this.data.customerIds[this.nuRand(1023, this.data.customerIds.length)]!;
  }
  warehouse() {
    return this.data.warehouses[this.int(0, this.data.warehouses.length - 1)]!;
  }
  product(): string {
    return this.data.productIds[this.nuRand(8191, this.data.productIds.length)]!;
  }
}

const idOf = (body: string) => (JSON.parse(body) as { id?: string }).id;

function newOrder(target: Target, choose: Chooser): Transaction {
  const body = (ctx: Context) => {
    // Invoiced per order, so that the delivery transaction moves goods without invoicing them.
    const input = {
      customerId: choose.customer(),
      warehouseId: choose.warehouse().id,
      invoicePolicy: 'order',
      lines: choose.lines(5, 15, 5),
    };
    ctx.input = input;
    return input;
  };
  if (target === 'raw') {
    return { name: 'new-order', steps: [{ method: 'POST', path: () => '/new-order', body, ok: [201] }] };
  }
  return {
    name: 'new-order',
    steps: [
      {
        method: 'POST',
        path: () => '/sales/orders',
        body,
        ok: [201],
        capture: (text, ctx) => {
          ctx.orderId = idOf(text);
        },
      },
      { method: 'POST', path: (ctx) => `/sales/orders/${ctx.orderId}/confirm`, ok: [200] },
    ],
  };
}

let tills = 0;
function posSale(target: Target, choose: Chooser, data: SeedInfo): Transaction {
  return {
    name: 'pos-sale',
    steps: [
      {
        method: 'POST',
        path: () => (target === 'raw' ? '/pos-sale' : '/pos/sales'),
        body: (ctx) => {
          // Each connection is one till: its own register and open shift.
          ctx.till ??= data.registers[tills++ % data.registers.length];
          const till = ctx.till as SeedInfo['registers'][number];
          ctx.sales = ((ctx.sales as number | undefined) ?? 0) + 1;
          return {
            registerId: till.id,
            shiftId: till.shiftId,
            clientSaleId: `${target}-${process.pid}-${Date.now().toString(36)}-${ctx.sales}-${choose.int(0, 1e9)}`,
            lines: choose.lines(1, 5, 1),
            payments: [{ method: 'cash', amount: '100000.00' }],
          };
        },
        ok: [201],
      },
    ],
  };
}

// Each delivery takes the next confirmed order of its side's pool (orders made by new-order).
function delivery(target: Target, orders: string[]): Transaction {
  return {
    name: 'delivery',
    steps: [
      {
        method: 'POST',
        path: (ctx) => {
          ctx.orderId = orders.shift() ?? '00000000-0000-7000-8000-000000000000';
          return target === 'raw'
            ? `/orders/${ctx.orderId}/deliveries`
            : `/sales/orders/${ctx.orderId}/deliveries`;
        },
        body: () => ({}),
        ok: [200],
      },
    ],
  };
}

function read(name: string, path: () => string): Transaction {
  return { name, steps: [{ method: 'GET', path, ok: [200] }] };
}

export function transaction(
  name: string,
  target: Target,
  data: SeedInfo,
  seed: number,
  orders: string[] = [],
): Transaction {
  const choose = new Chooser(data, seed);
  switch (name) {
    case 'delivery':
      return delivery(target, orders);
    case 'new-order':
      return newOrder(target, choose);
    case 'pos-sale':
      return posSale(target, choose, data);
    case 'order-status':
      return read(name, () =>
        target === 'raw'
          ? `/orders?customerId=${choose.customer()}&limit=5`
          : `/sales/orders?customerId=${choose.customer()}&limit=5`,
      );
    case 'stock-level':
      return read(name, () => {
        const variant = data.variantIds[choose.variantIndex()];
        const warehouse = choose.warehouse().id;
        return target === 'raw'
          ? `/stock?variantId=${variant}&warehouseId=${warehouse}`
          : `/inventory/stock?variantId=${variant}&warehouseId=${warehouse}`;
      });
    case 'product-read':
      return read(name, () =>
        target === 'raw' ? `/products/${choose.product()}` : `/catalog/products/${choose.product()}`,
      );
    default:
      throw new Error(`unknown transaction ${name}`);
  }
}

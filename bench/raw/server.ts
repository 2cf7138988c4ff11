import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { loadReference, type Reference } from './reference.ts';
import { DELIVERY, NEW_ORDER, ORDER_STATUS, POS_SALE, PRODUCT, SESSION_SETUP, STOCK_LEVEL } from './sql.ts';

// The raw-SQL floor: the same business transactions as Tandem's API, hand-written with `pg`
// (named prepared statements, one round trip each) behind a bare node:http server. Every
// connection works as Tandem's application role with the company set, so row-level security
// applies here too. No framework, no validation library, no ORM: what is left is the database work.

const companyId = process.env.BENCH_COMPANY_ID!;
const token = `Bearer ${process.env.BENCH_TOKEN!}`;
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL!,
  max: Number(process.env.BENCH_POOL_MAX ?? 20),
});
pool.on('error', () => undefined);
pool.on('connect', (client) => {
  // One simple-protocol query (several statements), queued before the client's first use.
  void client.query(
    `select set_config('role', 'tandem_app', false), set_config('tandem.company_id', '${companyId}', false),
            set_config('plan_cache_mode', 'force_generic_plan', false); ${SESSION_SETUP}`,
  );
});

type Json = Record<string, unknown>;
type Line = { variantId: string; quantity: string };
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

async function query(name: string, text: string, values: unknown[]): Promise<pg.QueryResultRow[]> {
  try {
    const result = await pool.query({ name, text, values });
    return result.rows;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (e.code === 'P0001') throw new HttpError(409, e.message ?? 'refused');
    if (e.code === '40P01') throw new HttpError(409, 'deadlock');
    throw error;
  }
}

function lineArrays(lines: Line[]) {
  return [lines.map((l) => l.variantId), lines.map((l) => l.quantity), lines.map(() => uuidv7())];
}

async function newOrder(ref: Reference, body: Json) {
  const lines = body.lines as Line[];
  const warehouseId = body.warehouseId as string;
  const location = ref.stockLocationOf.get(warehouseId);
  if (!location || !Array.isArray(lines) || lines.length === 0) throw new HttpError(400, 'invalid');
  const [row] = await query('new_order', NEW_ORDER, [
    companyId,
    ...lineArrays(lines),
    uuidv7(),
    body.customerId,
    warehouseId,
    location,
    ref.accounts.receivable,
    ref.currencyCode,
  ]);
  return { status: 201, body: row };
}

async function posSale(ref: Reference, body: Json) {
  const lines = body.lines as Line[];
  const payments = body.payments as { method: string; amount: string }[];
  if (!Array.isArray(lines) || !Array.isArray(payments)) throw new HttpError(400, 'invalid');
  const [row] = await query('pos_sale', POS_SALE, [
    companyId,
    ...lineArrays(lines),
    uuidv7(),
    body.registerId,
    body.shiftId,
    body.clientSaleId,
    payments.map((p) => p.method),
    payments.map((p) => Math.round(Number(p.amount) * 100)),
    [uuidv7(), uuidv7()],
    ref.customerLocationId,
    ref.currencyCode,
    ref.fiscalYearId,
    ref.periodId,
    ref.cashJournal.id,
    ref.cashJournal.code,
    ref.cashJournal.accountId,
    ref.generalJournal.id,
    ref.generalJournal.code,
    ref.accounts.revenue,
    ref.accounts.inventory,
    ref.accounts.costOfGoodsSold,
  ]);
  return { status: 201, body: row };
}

async function deliver(ref: Reference, orderId: string) {
  const [row] = await query('delivery', DELIVERY, [
    companyId,
    orderId,
    uuidv7(),
    ref.customerLocationId,
    ref.currencyCode,
    ref.fiscalYearId,
    ref.periodId,
    ref.generalJournal.id,
    ref.generalJournal.code,
    ref.accounts.inventory,
    ref.accounts.costOfGoodsSold,
    uuidv7(),
  ]);
  return { status: 200, body: row };
}

async function route(ref: Reference, req: http.IncomingMessage, body: Json) {
  const url = new URL(req.url ?? '/', 'http://raw');
  const q = url.searchParams;
  if (req.method === 'POST' && url.pathname === '/new-order') return newOrder(ref, body);
  if (req.method === 'POST' && url.pathname === '/pos-sale') return posSale(ref, body);
  if (req.method === 'GET' && url.pathname === '/orders') {
    const rows = await query('order_status', ORDER_STATUS, [
      companyId,
      q.get('customerId'),
      q.get('limit') ?? 5,
    ]);
    return { status: 200, body: { data: rows } };
  }
  if (req.method === 'GET' && url.pathname === '/stock') {
    const rows = await query('stock_level', STOCK_LEVEL, [
      companyId,
      q.get('variantId'),
      q.get('warehouseId'),
    ]);
    return { status: 200, body: { data: rows } };
  }
  const delivery = /^\/orders\/([0-9a-f-]{36})\/deliveries$/.exec(url.pathname);
  if (req.method === 'POST' && delivery) return deliver(ref, delivery[1]!);
  const product = /^\/products\/([0-9a-f-]{36})$/.exec(url.pathname);
  if (req.method === 'GET' && product) {
    const [row] = await query('product', PRODUCT, [companyId, product[1]]);
    if (!row) throw new HttpError(404, 'not_found');
    return { status: 200, body: row };
  }
  throw new HttpError(404, 'not_found');
}

function readBody(req: http.IncomingMessage): Promise<Json> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Json) : {});
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

async function main() {
  const client = await pool.connect();
  const ref = await loadReference(client, companyId);
  client.release();
  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    try {
      if (req.headers.authorization !== token) throw new HttpError(401, 'unauthenticated');
      const body = await readBody(req);
      const answer = await route(ref, req, body);
      send(answer.status, answer.body);
    } catch (error) {
      if (error instanceof HttpError) send(error.status, { code: error.code });
      else send(500, { code: 'internal', requestId: randomUUID(), message: String(error) });
    }
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    process.stdout.write(`raw ready on http://127.0.0.1:${address.port}\n`);
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void pool.end().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();

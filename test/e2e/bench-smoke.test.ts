import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { drive } from '../../bench/drive.ts';
import { createDatabase, dropDatabase } from '../../bench/pg-admin.ts';
import { type Server, startRaw } from '../../bench/processes.ts';
import { seedDatabase } from '../../bench/seed.ts';
import { transaction } from '../../bench/workload.ts';

// Liveness of `npm run bench` on a tiny dataset: the generator loads data that the raw floor
// can sell from. The benchmark itself is never run by `npm test`.
const adminUrl = process.env.TANDEM_TEST_DATABASE_URL;
const name = `tandem_bench_smoke_${process.pid}`;

async function confirmedOrders(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(
    "select id from sales_orders where state = 'confirmed' and invoice_policy = 'order' order by id",
  );
  await client.end();
  return rows.map((r) => r.id);
}

describe.skipIf(!adminUrl)('bench (PostgreSQL only)', () => {
  let raw: Server | undefined;
  afterAll(async () => {
    await raw?.stop();
    await dropDatabase(name);
  });

  it('seeds a tiny dataset and the raw floor takes new orders, deliveries and till sales', async () => {
    process.env.TANDEM_BENCH_ADMIN_URL = adminUrl;
    const url = await createDatabase(name);
    const scale = { products: 200, customers: 50, warehouses: 3, registers: 2, seed: 7 };
    const data = await seedDatabase(url, scale, () => undefined);
    expect(data.variantIds).toHaveLength(200);
    raw = await startRaw(url, data.companyId, 'smoke', 4);
    const orders: string[] = [];
    for (const name of ['new-order', 'delivery', 'pos-sale']) {
      if (name === 'delivery') orders.push(...(await confirmedOrders(url)));
      const endpoint = {
        url: raw.url,
        authorization: 'Bearer smoke',
        transaction: transaction(name, 'raw', data, 1, orders),
      };
      const measured = await drive([endpoint], 2, 1);
      expect(measured.firstError).toBeUndefined();
      expect(measured.tps).toBeGreaterThan(0);
    }
  }, 90_000);
});

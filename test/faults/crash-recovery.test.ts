// Invariants under faults: the order workload runs while the server is killed with SIGKILL and
// restarted several times, and PostgreSQL itself restarts once. Afterwards `tandem check` passes,
// every operation that got a success answer is in the database exactly once, and nothing is
// half-done (an order without lines, a sale without its entry).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/platform/ids.ts';
import { createMember } from '../support/app.ts';
import { onPostgres, openFileDatabase } from '../support/db.ts';
import { type RunningServer, runTandem, startServer } from '../support/server.ts';
import { runWorkload, type Setup, type Target } from './workload.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Restarting the server's PostgreSQL needs its cluster tools and root; CI has both.
const canRestartPostgres =
  process.env.TANDEM_FAULTS_RESTART_POSTGRES !== '0' &&
  existsSync('/usr/bin/pg_ctlcluster') &&
  process.getuid?.() === 0 &&
  existsSync('/etc/postgresql');

function restartPostgres(): void {
  const [version] = readdirSync('/etc/postgresql');
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', '-m', 'fast', version!, 'main', 'restart'], {
    stdio: 'ignore',
    timeout: 60_000,
  });
}

async function api(
  target: Target,
  auth: Record<string, string>,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${target.url}/api/v1${path}`, {
    method,
    headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = (await response.json()) as Record<string, unknown> & { id: string };
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

async function prepare(target: Target, auth: Record<string, string>): Promise<Setup> {
  const year = new Date().getUTCFullYear();
  await api(target, auth, 'POST', '/accounting/setup', {
    template: 'generic',
    fiscalYearStart: `${year}-01-01`,
  });
  const warehouse = await api(target, auth, 'POST', '/inventory/warehouses', { code: 'FLT', name: 'Faults' });
  const locations = (await api(target, auth, 'GET', '/inventory/locations')) as unknown as {
    data: { id: string; kind: string }[];
  };
  const supplier = locations.data.find((l) => l.kind === 'supplier')!.id;
  const items: Setup['items'] = [];
  for (const [i, price] of ['4.20', '12.00', '7.50', '19.90'].entries()) {
    const product = (await api(target, auth, 'POST', '/catalog/products', {
      name: `Fault item ${i}`,
      kind: 'stockable',
      currencyCode: 'EUR',
      salePrice: price,
      variants: [{ sku: `FLT-${i}-${newId().slice(-5)}` }],
    })) as unknown as { variants: { id: string }[] };
    const variantId = product.variants[0]!.id;
    await api(target, auth, 'POST', '/inventory/moves', {
      moves: [
        {
          variantId,
          fromLocationId: supplier,
          toLocationId: (warehouse as unknown as { stockLocationId: string }).stockLocationId,
          quantity: '100000',
          unitCost: '2.00',
          reason: 'receipt',
        },
      ],
    });
    items.push({ variantId, price });
  }
  const customer = await api(target, auth, 'POST', '/crm/parties', {
    kind: 'organisation',
    name: 'Fault Customer',
    isCustomer: true,
  });
  const register = await api(target, auth, 'POST', '/pos/registers', {
    code: 'F1',
    name: 'Fault till',
    warehouseId: warehouse.id,
  });
  const shift = await api(target, auth, 'POST', '/pos/shifts', {
    registerId: register.id,
    openingFloat: '50.00',
  });
  return {
    auth,
    warehouseId: warehouse.id,
    customerId: customer.id,
    registerId: register.id,
    shiftId: shift.id,
    items,
  };
}

describe.skipIf(!onPostgres)('invariants under crashes', () => {
  it('survives SIGKILLs of the server and a PostgreSQL restart with every acknowledged write once', {
    timeout: 600_000,
  }, async () => {
    const test = await openFileDatabase();
    let server: RunningServer | undefined;
    try {
      const member = await createMember(test.database);
      const env = { DATABASE_URL: test.url! };
      server = await startServer(env);
      const target: Target = { url: server.url };
      const setup = await prepare(target, member.auth);

      const started = Date.now();
      const stopAt = started + 40_000;
      const work = runWorkload(target, setup, 6, stopAt);
      const faults: string[] = [];
      const crash = async () => {
        await server!.stop('SIGKILL');
        faults.push('server killed');
        server = await startServer(env);
        target.url = server.url;
      };
      await sleep(4_000);
      await crash();
      await sleep(4_000);
      await crash();
      if (canRestartPostgres) {
        await sleep(3_000);
        restartPostgres();
        faults.push('postgres restarted');
      }
      await sleep(4_000);
      await crash();
      const acknowledged = await work;
      await server.stop();
      server = undefined;

      expect(faults.filter((f) => f === 'server killed')).toHaveLength(3);
      expect(acknowledged.sales.length).toBeGreaterThan(0);
      expect(acknowledged.orders.length).toBeGreaterThan(0);

      const check = await runTandem(['check'], env);
      expect(check.code, `${check.stdout}\n${check.stderr}`).toBe(0);

      const client = new pg.Client({ connectionString: test.url });
      await client.connect();
      try {
        const one = async (text: string, values: unknown[]) =>
          Number((await client.query(text, values)).rows[0].n);
        // Every sale that got an answer is there once; none that was attempted is there twice.
        const sales = await client.query(
          'select client_sale_id, count(*)::int as n from pos_sales where client_sale_id = any($1) group by 1',
          [acknowledged.attemptedSales],
        );
        const counted = new Map(sales.rows.map((r) => [r.client_sale_id as string, r.n as number]));
        for (const id of acknowledged.sales) expect(counted.get(id), id).toBe(1);
        expect([...counted.values()].every((n) => n === 1)).toBe(true);
        // Every delivered order is done, delivered once and invoiced once.
        for (const id of acknowledged.orders) {
          expect(
            await one("select count(*) as n from sales_orders where id = $1 and state = 'done'", [id]),
          ).toBe(1);
          expect(await one('select count(*) as n from sales_deliveries where order_id = $1', [id])).toBe(1);
          expect(
            await one(
              "select count(*) as n from accounting_invoices where source_type = 'sales.order' and source_id like $1",
              [`${id}#%`],
            ),
          ).toBe(1);
        }
        // Nothing half-done: no order without lines, no completed sale without its journal entry.
        expect(
          await one(
            'select count(*) as n from sales_orders o where not exists (select 1 from sales_order_lines l where l.company_id = o.company_id and l.order_id = o.id)',
            [],
          ),
        ).toBe(0);
        expect(
          await one(
            "select count(*) as n from pos_sales s where not exists (select 1 from accounting_entries e where e.company_id = s.company_id and e.source_type = 'pos.sale' and e.source_id = s.id::text)",
            [],
          ),
        ).toBe(0);
      } finally {
        await client.end();
      }
    } finally {
      await server?.stop('SIGKILL');
      await test.dispose();
    }
  });
});

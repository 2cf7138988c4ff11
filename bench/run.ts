import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type BenchConfig, parseArgs } from './config.ts';
import { drive, type Endpoint, type Measured } from './drive.ts';
import { type LedgerTimes, measureReports, seedLedger } from './ledger.ts';
import { createDatabase, dropDatabase } from './pg-admin.ts';
import { resetPeakRss, type Server, startRaw, startTandem } from './processes.ts';
import {
  machine,
  printTable,
  type Row,
  type RunResult,
  type ScaleOutRow,
  saveResult,
  summaryLine,
} from './report.ts';
import { type SeedInfo, seedDatabase } from './seed.ts';
import { type Target, transaction } from './workload.ts';

// `npm run bench [-- --quick] [--keep] [--no-scale-out] [--seed=42]`: seeds a fresh database,
// then measures Tandem's API and the raw-SQL floor side by side, level by level.

const POOL_MAX = 20;
const RAW_TOKEN = 'bench-raw-token';
const say = (message: string) => process.stdout.write(`${message}\n`);

async function signIn(server: Server, data: SeedInfo): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/auth/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: data.email, password: data.password }),
  });
  const body = (await response.json()) as { token?: string };
  if (response.status !== 201 || !body.token) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body.token;
}

type Running = {
  tandem: Server;
  raw: Server;
  token: string;
  data: SeedInfo;
  /** Confirmed orders for the delivery transaction, per side. */
  orders: Record<Target, string[]>;
  url: string;
};

function endpoint(running: Running, target: Target, name: string, seed: number): Endpoint {
  return target === 'tandem'
    ? {
        url: `${running.tandem.url}/api/v1`,
        authorization: `Bearer ${running.token}`,
        transaction: transaction(name, 'tandem', running.data, seed, running.orders.tandem),
      }
    : {
        url: running.raw.url,
        authorization: `Bearer ${RAW_TOKEN}`,
        transaction: transaction(name, 'raw', running.data, seed, running.orders.raw),
      };
}

// The orders new-order confirmed, split so that each side has more than it can deliver in time.
async function confirmedOrders(url: string, companyId: string): Promise<Record<Target, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(
    `select id from sales_orders where company_id = $1 and state = 'confirmed' and invoice_policy = 'order'
      order by id`,
    [companyId],
  );
  await client.end();
  const ids = rows.map((r) => r.id);
  const cut = Math.floor(ids.length / 5);
  return { tandem: ids.slice(0, cut), raw: ids.slice(cut) };
}

// When the load generator stops, the server may still be finishing the requests it had accepted;
// wait until the database is quiet so that they do not slow (or lock out) the next measurement.
async function settle(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + 15_000;
    let quiet = 0;
    while (quiet < 3 && Date.now() < deadline) {
      const { rows } = await client.query<{ busy: number }>(
        `select count(*)::int as busy from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()
            and state in ('active', 'idle in transaction') and xact_start < now() - interval '50 milliseconds'`,
      );
      quiet = rows[0]!.busy === 0 ? quiet + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
}

async function measure(server: Server, point: Endpoint, clients: number, seconds: number, url: string) {
  await settle(url);
  resetPeakRss(server.pid);
  const measured: Measured = await drive([point], clients, seconds);
  return { ...measured, rssMb: server.peakRssMb() };
}

async function compare(
  running: Running,
  config: BenchConfig,
  name: string,
  levels: number[],
  seconds: number,
) {
  const rows: Row[] = [];
  const seed = config.scale.seed;
  // Warm-up: JIT, plan caches, connection pools; not reported. Deliveries use up orders: the
  // servers are warm from the transactions before them.
  if (name !== 'delivery') {
    await drive([endpoint(running, 'tandem', name, seed + 1)], 4, config.warmupSeconds);
    await drive([endpoint(running, 'raw', name, seed + 1)], 4, config.warmupSeconds);
  }
  for (const clients of levels) {
    // The same seed for both sides: the same orders, in the same order.
    const tandemPoint = endpoint(running, 'tandem', name, seed + clients);
    const tandem = await measure(running.tandem, tandemPoint, clients, seconds, running.url);
    const rawPoint = endpoint(running, 'raw', name, seed + clients);
    const raw = await measure(running.raw, rawPoint, clients, seconds, running.url);
    const row: Row = { bench: name, clients, tandem, raw };
    rows.push(row);
    say(
      `${name} @${clients}: tandem ${tandem.tps} tps p99 ${tandem.p99Ms} ms (${tandem.errors} errors) | raw ${raw.tps} tps p99 ${raw.p99Ms} ms (${raw.errors} errors)`,
    );
    if (tandem.firstError) say(`  tandem first error: ${tandem.firstError}`);
    if (raw.firstError) say(`  raw first error: ${raw.firstError}`);
  }
  return rows;
}

async function scaleOut(config: BenchConfig, url: string, dataDir: string, data: SeedInfo, base: Running) {
  const rows: ScaleOutRow[] = [];
  const clients = Math.max(...config.levels);
  for (const count of config.scaleOut) {
    const servers: Server[] = [base.tandem];
    try {
      for (let i = 1; i < count; i++) servers.push(await startTandem(url, dataDir, POOL_MAX));
      await settle(url);
      for (const s of servers) resetPeakRss(s.pid);
      const points = servers.map((s, i) => ({
        url: `${s.url}/api/v1`,
        authorization: `Bearer ${base.token}`,
        transaction: transaction('new-order', 'tandem', data, config.scale.seed + 100 * count + i),
      }));
      const measured = await drive(points, clients, config.seconds);
      rows.push({ servers: count, clients, measured, rssMb: servers.map((s) => s.peakRssMb()) });
      say(`scale-out ${count} servers @${clients}: ${measured.tps} tps p99 ${measured.p99Ms} ms`);
    } finally {
      for (const s of servers.slice(1)) await s.stop();
    }
  }
  return rows;
}

function runCheck(url: string, dataDir: string): { passed: boolean; output: string } {
  const result = spawnSync(
    process.execPath,
    [path.resolve(import.meta.dirname, '../bin/tandem.js'), 'check'],
    {
      env: { ...process.env, DATABASE_URL: url, TANDEM_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  const output = `${result.stdout}${result.stderr}`
    .split('\n')
    .filter((l) => !l.startsWith('applying'))
    .join('\n');
  return { passed: result.status === 0, output };
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ v: string }>('show server_version');
  await client.end();
  return rows[0]!.v;
}

async function main() {
  const config = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const name = `tandem_bench_${Date.now().toString(36)}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
  const url = await createDatabase(name);
  const servers: Server[] = [];
  try {
    const data = await seedDatabase(url, config.scale, say);
    const tandem = await startTandem(url, dataDir, POOL_MAX);
    servers.push(tandem);
    const raw = await startRaw(url, data.companyId, RAW_TOKEN, POOL_MAX);
    servers.push(raw);
    const running: Running = {
      tandem,
      raw,
      token: await signIn(tandem, data),
      data,
      orders: { tandem: [], raw: [] },
      url,
    };
    const rows: Row[] = [];
    rows.push(...(await compare(running, config, 'new-order', config.levels, config.seconds)));
    running.orders = await confirmedOrders(url, data.companyId);
    say(
      `delivery: ${running.orders.tandem.length} + ${running.orders.raw.length} confirmed orders to deliver`,
    );
    rows.push(
      ...(await compare(running, config, 'delivery', config.secondaryLevels, config.secondarySeconds)),
    );
    rows.push(...(await compare(running, config, 'pos-sale', config.levels, config.seconds)));
    for (const read of ['order-status', 'stock-level', 'product-read']) {
      rows.push(...(await compare(running, config, read, config.secondaryLevels, config.secondarySeconds)));
    }
    await raw.stop();
    let ledger: LedgerTimes | null = null;
    if (config.ledgerLines > 0) {
      say(`ledger: generating ${config.ledgerLines} journal lines …`);
      const loadSeconds = await seedLedger(url, data.companyId, config.ledgerLines);
      const reports = await measureReports(
        `${tandem.url}/api/v1`,
        `Bearer ${running.token}`,
        url,
        data.companyId,
      );
      ledger = { lines: config.ledgerLines, loadSeconds: Math.round(loadSeconds * 10) / 10, reports };
      say(`ledger: loaded in ${ledger.loadSeconds} s`);
      for (const r of reports)
        say(`  ${r.name}: tandem ${r.tandemMs} ms, sql ${r.rawMs} ms (median of ${r.runs})`);
    }
    const scaled = await scaleOut(config, url, dataDir, data, running);
    await tandem.stop();
    say('tandem check …');
    const check = runCheck(url, dataDir);
    say(check.output.trim());
    const summary = summaryLine(rows);
    const result: RunResult = {
      date: new Date().toISOString(),
      host: os.hostname(),
      mode: config.quick ? 'quick' : 'full',
      machine: machine(await postgresVersion(url)),
      data: {
        products: config.scale.products,
        customers: config.scale.customers,
        warehouses: config.scale.warehouses,
        loadSeconds: data.loadSeconds,
      },
      rows,
      scaleOut: scaled,
      ledger,
      check,
      summary,
    };
    say('');
    say(printTable(rows, scaled));
    say('');
    const file = saveResult(result);
    say(
      `saved ${path.relative(process.cwd(), file)}; run took ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    say(JSON.stringify(summary));
    if (!check.passed) process.exitCode = 1;
  } finally {
    for (const s of servers) await s.stop();
    if (!config.keep) await dropDatabase(name);
    else say(`kept database ${name}`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

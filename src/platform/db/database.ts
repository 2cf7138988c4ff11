import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

/** A Drizzle handle: the whole database outside a transaction, or one transaction inside. */
export type Executor = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export type DatabaseKind = 'pglite' | 'postgres';

export type PoolStats = { total: number; idle: number; waiting: number };

/**
 * Hides which driver is in use. Everything that reads or writes business data goes through
 * `transaction` (see tx.ts); `session` hands out one dedicated connection for work that must
 * hold it, such as the migration advisory lock.
 */
export interface Database {
  readonly kind: DatabaseKind;
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  session<T>(fn: (conn: Executor) => Promise<T>): Promise<T>;
  poolStats(): PoolStats;
  close(): Promise<void>;
}

// Both engines answer with the same JS types: int8 as a number (refusing values a double cannot
// hold exactly), numeric as a string, date as 'YYYY-MM-DD'; timestamps as Date in typed selects
// and as text in raw queries (see toDate).
const INT8_OID = 20;
const DATE_OID = 1082;

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

// Drizzle's pg session passes its own per-query parsers, falling back to pg's global ones (not a
// pool's), so the int8 and date rules are set globally: this process owns its pg driver.
pg.types.setTypeParser(INT8_OID, parseInt8);
pg.types.setTypeParser(DATE_OID, (v: string) => v);

/**
 * A timestamp from a raw query. Drizzle hands raw timestamps over as PostgreSQL text
 * ('2026-11-23 18:53:27.93654+00') on both engines; typed selects map them to Date themselves.
 */
export function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  const iso = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a timestamp: ${value}`);
  return date;
}

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database> {
  const client = await PGlite.create({
    // The same extensions the migrations create on PostgreSQL: trigram search, exclusion constraints.
    extensions: { pg_trgm, btree_gist },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: {
      [INT8_OID]: (v: string) => parseInt8(v),
      [DATE_OID]: (v: string) => v,
    },
  });
  const db = drizzlePglite({ client }) as unknown as Executor;
  return {
    kind: 'pglite',
    // PGlite has one connection and its own mutex: transactions run one after another, and a
    // query on this global handle from inside an open transaction would wait for ever.
    transaction: (fn) => db.transaction((tx) => fn(tx as unknown as Executor)),
    session: (fn) => fn(db),
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: () => client.close(),
    // Exposed for test templates (dumpDataDir); not part of the Database contract.
    ...{ pglite: client },
  };
}

export function pgliteClientOf(database: Database): PGlite | undefined {
  return (database as Database & { pglite?: PGlite }).pglite;
}

export async function openPostgres(url: string, options: { poolMax?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: 5000,
  });
  // Without an error listener an idle client's lost connection would crash the process.
  pool.on('error', () => undefined);
  // Fail fast and clearly when the server is unreachable or the URL is wrong.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg({ client: pool }) as unknown as Executor;
  return {
    kind: 'postgres',
    transaction: (fn) => db.transaction((tx) => fn(tx as unknown as Executor)),
    session: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn(drizzlePg({ client }) as unknown as Executor);
      } finally {
        client.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}

/** Runs raw SQL on an executor and returns its rows, whichever driver is underneath. */
export async function queryRows<T extends Record<string, unknown>>(exec: Executor, query: SQL): Promise<T[]> {
  const result = (await exec.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

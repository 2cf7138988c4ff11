import pg from 'pg';

// The benchmark's own databases on the local PostgreSQL server: created fresh, dropped after.

const adminUrl = () => process.env.TANDEM_BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(name: string): Promise<string> {
  if (!/^tandem_bench_[a-z0-9_]+$/.test(name)) throw new Error(`not a bench database name: ${name}`);
  await admin(async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  if (!/^tandem_bench_[a-z0-9_]+$/.test(name)) throw new Error(`not a bench database name: ${name}`);
  await admin((client) => client.query(`drop database if exists ${name} with (force)`));
}

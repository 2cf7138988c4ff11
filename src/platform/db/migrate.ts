import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Database, type Executor, queryRows } from './database.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

// An arbitrary constant: the advisory lock that lets one process at a time migrate a database.
const MIGRATION_LOCK_KEY = 7_461_002_311;

export type Migration = { tag: string; hash: string; statements: string[] };

type Journal = { entries: { idx: number; when: number; tag: string }[] };

/** The migrations drizzle-kit wrote, in journal order. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const journal = JSON.parse(readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries.map(({ tag }) => {
    const text = readFileSync(path.join(dir, `${tag}.sql`), 'utf8');
    return {
      tag,
      hash: createHash('sha256').update(text).digest('hex'),
      statements: text
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  });
}

const CREATE_LEDGER = sql`create table if not exists tandem_migrations (
  tag text primary key,
  hash text not null,
  applied_at timestamptz not null default now()
)`;

export type MigrationStatus = { applied: string[]; pending: string[]; changed: string[] };

export async function migrationStatus(
  exec: Executor,
  migrations = readMigrations(),
): Promise<MigrationStatus> {
  const exists = await queryRows<{ t: string | null }>(
    exec,
    sql`select to_regclass('tandem_migrations')::text as t`,
  );
  const rows = exists[0]?.t
    ? await queryRows<{ tag: string; hash: string }>(exec, sql`select tag, hash from tandem_migrations`)
    : [];
  const applied = new Map(rows.map((r) => [r.tag, r.hash]));
  return {
    applied: migrations.filter((m) => applied.has(m.tag)).map((m) => m.tag),
    // Pending is decided by tag, not by timestamp: a migration merged late is still applied.
    pending: migrations.filter((m) => !applied.has(m.tag)).map((m) => m.tag),
    changed: migrations.filter((m) => applied.has(m.tag) && applied.get(m.tag) !== m.hash).map((m) => m.tag),
  };
}

export class MigrationError extends Error {}

/**
 * Applies every pending migration, each in its own transaction, holding an advisory lock on one
 * connection so that two processes starting together do not both migrate.
 */
export async function migrate(
  database: Database,
  options: { onProgress?: (message: string) => void; migrations?: Migration[] } = {},
): Promise<string[]> {
  const migrations = options.migrations ?? readMigrations();
  const progress = options.onProgress ?? (() => undefined);
  return database.session(async (conn) => {
    await conn.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await conn.execute(CREATE_LEDGER);
      const status = await migrationStatus(conn, migrations);
      if (status.changed.length > 0) {
        throw new MigrationError(
          `migrations changed after they were applied: ${status.changed.join(', ')} (landed migrations are never edited; add a new one)`,
        );
      }
      const pending = migrations.filter((m) => status.pending.includes(m.tag));
      for (const [i, m] of pending.entries()) {
        progress(`applying migration ${i + 1}/${pending.length}: ${m.tag}`);
        await conn.transaction(async (tx) => {
          for (const statement of m.statements) await tx.execute(sql.raw(statement));
          await tx.execute(sql`insert into tandem_migrations (tag, hash) values (${m.tag}, ${m.hash})`);
        });
      }
      return pending.map((m) => m.tag);
    } finally {
      await conn.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}

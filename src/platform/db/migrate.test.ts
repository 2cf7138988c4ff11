import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { onPostgres, openFileDatabase } from '../../../test/support/db.ts';
import { queryRows } from './database.ts';
import { type Migration, MigrationError, migrate, migrationStatus, readMigrations } from './migrate.ts';

function fakeMigration(tag: string, table: string): Migration {
  return { tag, hash: `hash-${tag}`, statements: [`create table ${table} (id int primary key)`] };
}

async function tableExists(test: Awaited<ReturnType<typeof openFileDatabase>>, name: string) {
  const [row] = await test.database.transaction((db) =>
    queryRows<{ t: string | null }>(db, sql`select to_regclass(${name})::text as t`),
  );
  return row!.t !== null;
}

describe('migrations', () => {
  it('are all applied in the template, and applying again changes nothing', async () => {
    const test = await openFileDatabase();
    try {
      const status = await test.database.session((db) => migrationStatus(db));
      expect(status.pending).toEqual([]);
      expect(status.applied).toEqual(readMigrations().map((m) => m.tag));
      expect(await migrate(test.database)).toEqual([]);
    } finally {
      await test.dispose();
    }
  });

  it('apply a migration merged late, even though a newer one is already applied', async () => {
    const test = await openFileDatabase();
    try {
      const real = readMigrations();
      const early = fakeMigration('9000_early', 'late_merge_a');
      const later = fakeMigration('9001_later', 'late_merge_b');
      await migrate(test.database, { migrations: [...real, later] });
      const applied = await migrate(test.database, { migrations: [...real, early, later] });
      expect(applied).toEqual(['9000_early']);
      expect(await tableExists(test, 'late_merge_a')).toBe(true);
    } finally {
      await test.dispose();
    }
  });

  it('refuse to start when an applied migration was edited', async () => {
    const test = await openFileDatabase();
    try {
      const edited = readMigrations().map((m, i) => (i === 1 ? { ...m, hash: 'edited' } : m));
      await expect(migrate(test.database, { migrations: edited })).rejects.toBeInstanceOf(MigrationError);
    } finally {
      await test.dispose();
    }
  });

  it('roll back a migration that fails, leaving it pending', async () => {
    const test = await openFileDatabase();
    try {
      const broken: Migration = {
        tag: '9100_broken',
        hash: 'x',
        statements: ['create table half_done (id int)', 'select broken syntax here'],
      };
      await expect(migrate(test.database, { migrations: [...readMigrations(), broken] })).rejects.toThrow();
      expect(await tableExists(test, 'half_done')).toBe(false);
      const status = await test.database.session((db) => migrationStatus(db, [...readMigrations(), broken]));
      expect(status.pending).toEqual(['9100_broken']);
    } finally {
      await test.dispose();
    }
  });

  it.skipIf(!onPostgres)('are applied once when several processes migrate at the same time', async () => {
    const test = await openFileDatabase();
    try {
      const extra = [fakeMigration('9200_concurrent', 'concurrent_once')];
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          migrate(test.database, { migrations: [...readMigrations(), ...extra] }),
        ),
      );
      expect(results.flat()).toEqual(['9200_concurrent']);
    } finally {
      await test.dispose();
    }
  });
});

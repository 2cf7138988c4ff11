import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openFileDatabase } from '../../test/support/db.ts';
import { modules } from '../modules/registry.ts';
import { runChecks } from './checks.ts';

describe('tandem check', () => {
  it('passes on a freshly migrated database', async () => {
    const test = await openFileDatabase();
    try {
      const results = await runChecks(test.database, modules);
      expect(results.filter((r) => r.violations.length > 0 || r.error)).toEqual([]);
    } finally {
      await test.dispose();
    }
  });

  it('names a company table that forgot row-level security or its company-first key', async () => {
    const test = await openFileDatabase();
    try {
      await test.database.transaction((db) =>
        db.execute(sql`create table sloppy_notes (id uuid primary key, company_id uuid not null, body text)`),
      );
      const results = await runChecks(test.database, modules);
      const isolation = results.find((r) => r.name.includes('row-level security'));
      expect(isolation?.violations).toEqual([
        'sloppy_notes has row-level security off',
        'sloppy_notes has no row-level security policy',
        "sloppy_notes's primary key does not lead with company_id",
      ]);
    } finally {
      await test.dispose();
    }
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/platform/db/database.ts';
import { onPostgres } from '../support/db.ts';
import { runTandem } from '../support/server.ts';

describe.skipIf(onPostgres)('tandem audit', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-audit-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('seal chains the demo audit rows, verify passes, then names a row altered in SQL and exits 1', async () => {
    const env = { TANDEM_DATA_DIR: dataDir };
    expect((await runTandem(['demo', '--company-name', 'Audit Demo'], env)).code).toBe(0);
    const unsealed = await runTandem(['audit', 'verify'], env);
    expect(unsealed.code).toBe(0);
    expect(unsealed.stderr).toMatch(/\d+ rows not sealed yet/);
    const seal = await runTandem(['audit', 'seal'], env);
    expect(seal.stderr).toMatch(/audit: sealed [1-9]\d* rows/);
    const intact = await runTandem(['audit', 'verify'], env);
    expect(intact.code).toBe(0);
    expect(intact.stderr).toMatch(/1 of 1 company chains intact/);

    // Someone with the database's superuser rights edits history behind the triggers' back.
    const database = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
    try {
      await database.transaction(async (db) => {
        await db.execute(sql`set local session_replication_role = replica`);
        await db.execute(sql`update audit_log set entity_id = 'forged' where seal_seq = 3`);
      });
    } finally {
      await database.close();
    }
    const broken = await runTandem(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /BROKEN company \S+: link 3 \(audit row [0-9a-f-]{36}\): the row was changed/,
    );
    const check = await runTandem(['check'], env);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/FAIL every company audit hash chain is intact/);
  }, 180_000);
});

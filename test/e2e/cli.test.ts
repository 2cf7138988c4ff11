import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../support/db.ts';
import { runTandem } from '../support/server.ts';

// Each command opens the embedded database anew, as a person at a terminal would.
describe.skipIf(onPostgres)('tandem commands on the embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-cli-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrate, demo, check, reset-password and version work and say what they did', {
    timeout: 180_000,
  }, async () => {
    const env = { TANDEM_DATA_DIR: dataDir };
    const migrate = await runTandem(['migrate'], env);
    expect(migrate.code).toBe(0);
    expect(migrate.stderr).toMatch(/migrations: applied \d+/);
    const demo = await runTandem(['demo', '--company-name', 'CLI Demo'], env);
    expect(demo.code).toBe(0);
    expect(demo.stderr).toMatch(/crm: \d+ customers and suppliers/);
    const check = await runTandem(['check'], env);
    expect(check.stderr).toMatch(/(\d+) of \1 checks passed/);
    expect(check.code).toBe(0);
    const reset = await runTandem(['user', 'reset-password', 'admin@demo.tandem.test'], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout.trim()).toMatch(/^\S{12,}$/);
    const unknown = await runTandem(['user', 'reset-password', 'nobody@example.test'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/tandem: no user has the email nobody@example.test/);
    const version = await runTandem(['version'], env);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await runTandem(['demo', '--help'], env);
    expect(help.stdout).toMatch(/--company-name/);
  });
});

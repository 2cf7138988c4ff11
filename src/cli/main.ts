import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { modules } from '../modules/registry.ts';
import { sealAuditLog } from '../platform/audit/sealer.ts';
import { verifyAuditLog } from '../platform/audit/verify.ts';
import { resetPassword } from '../platform/auth/users.ts';
import { runChecks } from '../platform/checks.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { DataDirLockedError } from '../platform/db/data-dir-lock.ts';
import { migrate } from '../platform/db/migrate.ts';
import { openConfiguredDatabase, StartupError } from '../platform/db/open.ts';
import { withSystemTx } from '../platform/db/tx.ts';
import { loadDemo } from '../platform/demo.ts';
import { AppError } from '../platform/errors.ts';
import { TANDEM_VERSION } from '../platform/version.ts';
import { say } from './output.ts';
import { serve } from './serve.ts';

async function withDatabase<T>(
  fn: (opened: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>,
): Promise<T> {
  const opened = await openConfiguredDatabase(loadConfig());
  try {
    await migrate(opened.database, { onProgress: say });
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

const program = new Command('tandem')
  .description('Tandem: the front office and the back office of a business, on one data model.')
  .version(TANDEM_VERSION, '-v, --version');

program
  .command('serve')
  .description('Start the server (migrates first; on a new embedded database, loads the demo business)')
  .action(async () => {
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    const opened = await openConfiguredDatabase(loadConfig());
    try {
      const applied = await migrate(opened.database, { onProgress: say });
      say(applied.length === 0 ? 'migrations: up to date' : `migrations: applied ${applied.length}`);
    } finally {
      await opened.close();
    }
  });

program
  .command('demo')
  .description('Create a new company and load the demo business into it')
  .option(
    '--company-name <name>',
    'name of the new company',
    `Tandem Demo ${new Date().toISOString().slice(0, 10)}`,
  )
  .option('--currency <code>', 'company currency (ISO 4217)', 'EUR')
  .action(async (options: { companyName: string; currency: string }) => {
    await withDatabase(async ({ database }) => {
      const started = Date.now();
      const demo = await loadDemo(database, modules, {
        companyName: options.companyName,
        currencyCode: options.currency,
        progress: say,
      });
      say(`demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      say(`  company: ${demo.company.name} (${demo.company.id})`);
      say(
        `  sign in: ${demo.admin.email}${demo.admin.password ? ` / ${demo.admin.password}` : ' (existing password)'}`,
      );
    });
  });

program
  .command('check')
  .description('Verify every registered invariant; exits 1 on a violation')
  .action(async () => {
    await withDatabase(async ({ database }) => {
      const results = await runChecks(database, modules);
      let failed = 0;
      for (const result of results) {
        const ok = result.violations.length === 0 && !result.error;
        if (!ok) failed++;
        say(`${ok ? 'ok  ' : 'FAIL'} ${result.name}`);
        if (result.error) say(`     error: ${result.error}`);
        for (const v of result.violations.slice(0, 50)) say(`     ${v}`);
        if (result.violations.length > 50) say(`     … and ${result.violations.length - 50} more`);
      }
      say(`${results.length - failed} of ${results.length} checks passed`);
      if (failed > 0) process.exitCode = 1;
    });
  });

program
  .command('version')
  .description('Print the version')
  .action(() => {
    process.stdout.write(`${TANDEM_VERSION}\n`);
  });

const audit = program.command('audit').description('The tamper-evident audit log');
audit
  .command('seal')
  .description('Chain every committed, unsealed audit row now (the server does this every second)')
  .action(async () => {
    await withDatabase(async ({ database }) => {
      say(`audit: sealed ${await sealAuditLog(database)} rows`);
    });
  });
audit
  .command('verify')
  .description("Walk each company's hash chain; names the first broken link; exits 1 on a break")
  .action(async () => {
    await withDatabase(async ({ database }) => {
      const reports = await verifyAuditLog(database);
      let broken = 0;
      for (const report of reports) {
        if (report.broken) {
          broken++;
          say(
            `BROKEN company ${report.companyId}: link ${report.broken.sealSeq} (audit row ${report.broken.id}): ${report.broken.reason}; ${report.sealed} links before it hold`,
          );
        } else {
          say(`ok     company ${report.companyId}: ${report.sealed} links hold`);
        }
        if (report.unsealed > 0) say(`       ${report.unsealed} rows not sealed yet`);
      }
      say(`${reports.length - broken} of ${reports.length} company chains intact`);
      if (broken > 0) process.exitCode = 1;
    });
  });

const user = program.command('user').description('Manage users');
user
  .command('reset-password <email>')
  .description('Set a new password for a user and sign them out everywhere; prints the new password')
  .option('--password <password>', 'the new password (default: a generated one)')
  .action(async (email: string, options: { password?: string }) => {
    await withDatabase(async ({ database }) => {
      const password = options.password ?? randomBytes(12).toString('base64url');
      const updated = await withSystemTx(database, (db) => resetPassword(db, email, password));
      say(`password reset for ${updated.email}; all their sessions are signed out`);
      if (!options.password) process.stdout.write(`${password}\n`);
    });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures end with one clear line and a non-zero exit code; bugs show their stack.
  if (
    error instanceof ConfigError ||
    error instanceof StartupError ||
    error instanceof DataDirLockedError ||
    error instanceof AppError
  ) {
    say(`tandem: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { modules } from '../modules/registry.ts';
import { startAuditSealer } from '../platform/audit/seal-loop.ts';
import type { Config } from '../platform/config.ts';
import { migrate } from '../platform/db/migrate.ts';
import { type OpenedDatabase, openConfiguredDatabase, StartupError } from '../platform/db/open.ts';
import { isFreshInstallation, loadDemo } from '../platform/demo.ts';
import { buildApp } from '../platform/http/app.ts';
import { purgeExpiredIdempotencyKeys } from '../platform/http/write.ts';
import { createLogger } from '../platform/logger.ts';
import { LocalFileStore } from '../platform/storage/local-file-store.ts';
import { TANDEM_VERSION } from '../platform/version.ts';
import { say } from './output.ts';

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** `tandem serve`: open the database, migrate, load the demo on a first embedded start, listen. */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config);
  const started = Date.now();
  say(`Tandem ${TANDEM_VERSION} starting`);
  const opened = await openConfiguredDatabase(config);
  let app: FastifyInstance | undefined;
  let purgeTimer: NodeJS.Timeout | undefined;
  let sealer: { stop(): Promise<void> } | undefined;
  const shutdown = installShutdown(config, logger, () => ({ app, opened, purgeTimer, sealer }));
  try {
    say(`database: ${opened.describe}`);
    await migrate(opened.database, { onProgress: (m) => say(m) });
    if (opened.database.kind === 'pglite' && config.demo && (await isFreshInstallation(opened.database))) {
      say('first start: loading the demo business (TANDEM_DEMO=off skips this)');
      const demo = await loadDemo(opened.database, modules, { progress: (m) => say(m) });
      say('');
      say(`  Demo company: ${demo.company.name}`);
      say(`  Sign in as:   ${demo.admin.email}`);
      if (demo.admin.password)
        say(
          `  Password:     ${demo.admin.password}   (shown once; \`tandem user reset-password\` sets a new one)`,
        );
      say('');
    }
    const files = new LocalFileStore({
      root: path.join(config.dataDir, 'files'),
      maxBytes: config.uploadLimitBytes,
    });
    // Files a crash left half-written are never under a key; clear them away.
    await files.removeStaleTempFiles();
    app = await buildApp({
      config,
      database: opened.database,
      logger,
      modules,
      files,
      version: TANDEM_VERSION,
    });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new StartupError(`port ${config.port} is already in use; stop the other server or set PORT`);
      }
      if ((error as NodeJS.ErrnoException).code === 'EACCES') {
        throw new StartupError(
          `not allowed to listen on port ${config.port}; choose a port above 1023 with PORT`,
        );
      }
      throw error;
    }
    purgeTimer = setInterval(() => {
      purgeExpiredIdempotencyKeys(opened.database).catch((error) =>
        logger.warn({ err: error }, 'idempotency purge failed'),
      );
    }, PURGE_INTERVAL_MS);
    purgeTimer.unref();
    sealer = startAuditSealer(opened.database, config.auditSealIntervalMs, logger);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    say(
      `Tandem is ready on http://localhost:${port} (API reference: /api/docs) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    await shutdown.abort();
    throw error;
  }
}

type Running = {
  app: FastifyInstance | undefined;
  opened: OpenedDatabase;
  purgeTimer: NodeJS.Timeout | undefined;
  sealer: { stop(): Promise<void> } | undefined;
};

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database; give up
// after the configured time-out (10 s by default).
function installShutdown(config: Config, logger: ReturnType<typeof createLogger>, running: () => Running) {
  let closing = false;
  const close = async () => {
    const { app, opened, purgeTimer, sealer } = running();
    if (purgeTimer) clearInterval(purgeTimer);
    if (app) await app.close();
    // After the last request, so the rows it wrote are sealed before the database closes.
    if (sealer) await sealer.stop();
    await opened.close();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    say(`${signal}: shutting down`);
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    close().then(
      () => {
        say('stopped');
        process.exit(0);
      },
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    abort: async () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await close().catch(() => undefined);
    },
  };
}

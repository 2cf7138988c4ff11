import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { modules } from '../modules/registry.ts';
import { startAuditSealer } from '../platform/audit/seal-loop.ts';
import type { Config } from '../platform/config.ts';
import { migrate } from '../platform/db/migrate.ts';
import { type OpenedDatabase, openConfiguredDatabase, StartupError } from '../platform/db/open.ts';
import { isFreshInstallation, loadDemo } from '../platform/demo.ts';
import { EventDispatcher } from '../platform/events/dispatcher.ts';
import { createFanout } from '../platform/events/fanout/create-fanout.ts';
import type { Fanout } from '../platform/events/fanout/fanout.ts';
import { subscribeAfterCommit } from '../platform/events/registry.ts';
import { onEventsCommitted } from '../platform/events/wakeup.ts';
import { buildApp } from '../platform/http/app.ts';
import { JobRunner } from '../platform/jobs/runner.ts';
import { syncSchedules } from '../platform/jobs/schedules.ts';
import { createLogger } from '../platform/logger.ts';
import { platformSchedules } from '../platform/maintenance.ts';
import { LocalFileStore } from '../platform/storage/local-file-store.ts';
import { TANDEM_VERSION } from '../platform/version.ts';
import { configureWebhooks, webhookSubscriber } from '../platform/webhooks/index.ts';
import { say } from './output.ts';

/** `tandem serve`: open the database, migrate, load the demo on a first embedded start, listen. */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config);
  const started = Date.now();
  say(`Tandem ${TANDEM_VERSION} starting`);
  const opened = await openConfiguredDatabase(config);
  let app: FastifyInstance | undefined;
  let jobRunner: JobRunner | undefined;
  let dispatcher: EventDispatcher | undefined;
  let fanout: Fanout | undefined;
  let stopSignalling: (() => void) | undefined;
  let sealer: { stop(): Promise<void> } | undefined;
  const shutdown = installShutdown(config, logger, () => ({
    app,
    opened,
    jobRunner,
    dispatcher,
    fanout,
    stopSignalling,
    sealer,
  }));
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
    configureWebhooks({ allowPrivate: config.webhookAllowPrivate });
    subscribeAfterCommit(webhookSubscriber);
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
    dispatcher = new EventDispatcher({ database: opened.database, logger, pollMs: config.eventsPollMs });
    dispatcher.start();
    fanout = createFanout(config, logger);
    const wake = () => {
      dispatcher?.wake();
      app?.live.wake();
    };
    // Not awaited: a NATS server that is down at start is waited for in the background, and
    // until it answers the outbox is still read on every poll.
    fanout
      .start(wake)
      .catch((error) => logger.warn({ err: error }, 'event signalling between processes is not running'));
    stopSignalling = onEventsCommitted(() => fanout?.publish());
    say(`events: ${fanout.kind} signals between processes, outbox polled every ${config.eventsPollMs} ms`);
    await syncSchedules(opened.database, [
      ...platformSchedules,
      ...modules.flatMap((m) => m.schedules ?? []),
    ]);
    jobRunner = new JobRunner({ database: opened.database, logger });
    jobRunner.start();
    sealer = startAuditSealer(opened.database, config.auditSealIntervalMs, logger);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    say(
      `Tandem is ready on ${config.tls ? 'https' : 'http'}://localhost:${port} (API reference: /api/docs) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    await shutdown.abort();
    throw error;
  }
}

type Running = {
  app: FastifyInstance | undefined;
  opened: OpenedDatabase;
  jobRunner: JobRunner | undefined;
  dispatcher: EventDispatcher | undefined;
  fanout: Fanout | undefined;
  stopSignalling: (() => void) | undefined;
  sealer: { stop(): Promise<void> } | undefined;
};

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database; give up
// after the configured time-out (10 s by default).
function installShutdown(config: Config, logger: ReturnType<typeof createLogger>, running: () => Running) {
  let closing = false;
  const close = async () => {
    const { app, opened, jobRunner, dispatcher, fanout, stopSignalling, sealer } = running();
    stopSignalling?.();
    if (app) await app.close();
    await Promise.all([dispatcher?.stop(), jobRunner?.stop(), fanout?.close()]);
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

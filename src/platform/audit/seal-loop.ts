import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { sealAuditLog } from './sealer.ts';

/** Seals new audit rows every `intervalMs`, one round at a time; `stop` runs a last round. */
export function startAuditSealer(database: Database, intervalMs: number, logger: Logger) {
  let current: Promise<void> | undefined;
  const round = async () => {
    try {
      await sealAuditLog(database);
    } catch (error) {
      logger.warn({ err: error }, 'audit sealing failed; will retry');
    }
  };
  const timer = setInterval(() => {
    // A slow round (a large backlog) is never overlapped by the next tick.
    if (current) return;
    current = round().finally(() => {
      current = undefined;
    });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
      await round();
    },
  };
}

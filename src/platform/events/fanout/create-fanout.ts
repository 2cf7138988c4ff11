import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { type Fanout, LocalFanout } from './fanout.ts';
import { NatsJetStreamFanout } from './nats-jetstream.ts';
import { PostgresNotifyFanout } from './postgres-notify.ts';

/** NATS when configured; otherwise LISTEN/NOTIFY on PostgreSQL; nothing for the embedded database. */
export function createFanout(config: Pick<Config, 'natsUrl' | 'databaseUrl'>, logger?: Logger): Fanout {
  if (config.natsUrl) return new NatsJetStreamFanout(config.natsUrl, logger);
  if (config.databaseUrl) return new PostgresNotifyFanout(config.databaseUrl, logger);
  return new LocalFanout();
}

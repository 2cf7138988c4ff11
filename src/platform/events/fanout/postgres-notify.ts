import pg from 'pg';
import type { Logger } from 'pino';
import { newId } from '../../ids.ts';
import { coalesce, type Fanout } from './fanout.ts';

const CHANNEL = 'tandem_events';
const COALESCE_MS = 15;

/**
 * LISTEN/NOTIFY on a dedicated connection outside the pool. NOTIFY takes a global lock at commit,
 * so it is sent once per short window, never per write, and in its own statement. The connection
 * listens again after PostgreSQL restarts; on reconnecting it wakes readers, since signals may
 * have been missed meanwhile.
 */
export class PostgresNotifyFanout implements Fanout {
  readonly kind = 'postgres-notify' as const;
  private readonly origin = newId();
  private client: pg.Client | undefined;
  private onRemote: () => void = () => undefined;
  private closed = false;
  private retryMs = 250;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly sender = coalesce(COALESCE_MS, () => {
    this.client?.query('select pg_notify($1, $2)', [CHANNEL, this.origin]).catch(() => undefined);
  });

  constructor(
    private readonly url: string,
    private readonly logger?: Logger,
  ) {}

  async start(onRemote: () => void): Promise<void> {
    this.onRemote = onRemote;
    await this.connect();
  }

  publish(): void {
    this.sender.trigger();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.sender.cancel();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'tandem-listen' });
    client.on('notification', (message) => {
      if (message.payload !== this.origin) this.onRemote();
    });
    client.on('error', (error) => {
      this.logger?.warn({ err: error }, 'event notification connection failed; reconnecting');
      this.reconnectSoon(client);
    });
    client.on('end', () => this.reconnectSoon(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      this.retryMs = 250;
      this.onRemote();
    } catch (error) {
      this.logger?.warn({ err: error }, 'cannot listen for event notifications yet; retrying');
      this.reconnectSoon(client);
    }
  }

  private reconnectSoon(client: pg.Client): void {
    if (this.closed || this.reconnectTimer) return;
    if (this.client === client) this.client = undefined;
    client.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 5000);
  }
}

import { DeliverPolicy, type JetStreamClient, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { newId } from '../../ids.ts';
import { coalesce, type Fanout } from './fanout.ts';

const STREAM = 'TANDEM_EVENTS';
const SUBJECT = 'tandem.events.committed';
const COALESCE_MS = 15;

/**
 * Signals through a NATS JetStream stream, for deployments that run NATS anyway. Each process
 * reads new messages with an ordered consumer; the client reconnects by itself, and a reconnect
 * wakes readers because signals may have been missed while NATS was away.
 */
export class NatsJetStreamFanout implements Fanout {
  readonly kind = 'nats-jetstream' as const;
  private readonly origin = newId();
  private connection: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private closed = false;
  private readonly sender = coalesce(COALESCE_MS, () => {
    this.js
      ?.publish(SUBJECT, this.origin)
      .catch((error) => this.logger?.debug({ err: error }, 'NATS publish failed'));
  });

  constructor(
    private readonly url: string,
    private readonly logger?: Logger,
  ) {}

  async start(onRemote: () => void): Promise<void> {
    const nc = await connect({
      servers: this.url,
      name: `tandem-${process.pid}`,
      waitOnFirstConnect: true,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    this.connection = nc;
    const manager = await jetstreamManager(nc);
    await manager.streams.info(STREAM).catch(() =>
      manager.streams.add({
        name: STREAM,
        subjects: [SUBJECT],
        max_age: 60 * 60 * 1_000_000_000,
        max_msgs: 100_000,
      }),
    );
    this.js = jetstream(nc);
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'reconnect') onRemote();
      }
    })();
    const consumer = await this.js.consumers.get(STREAM, {
      deliver_policy: DeliverPolicy.New,
      filter_subjects: SUBJECT,
    });
    const messages = await consumer.consume();
    void (async () => {
      try {
        for await (const message of messages) {
          if (message.string() !== this.origin) onRemote();
        }
      } catch (error) {
        if (!this.closed) this.logger?.warn({ err: error }, 'NATS consumer stopped');
      }
    })();
  }

  publish(): void {
    this.sender.trigger();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.sender.cancel();
    await this.connection?.drain().catch(() => undefined);
  }
}

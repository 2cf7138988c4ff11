import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { onPostgres, openFileDatabase } from '../../../../test/support/db.ts';
import type { Fanout } from './fanout.ts';
import { NatsJetStreamFanout } from './nats-jetstream.ts';
import { PostgresNotifyFanout } from './postgres-notify.ts';

async function until(condition: () => boolean, timeoutMs = 5000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function pair(make: () => Fanout) {
  const a = make();
  const b = make();
  const heard = { a: 0, b: 0 };
  await a.start(() => heard.a++);
  await b.start(() => heard.b++);
  // Starting (and reconnecting) wakes readers once; count from here.
  await new Promise((r) => setTimeout(r, 200));
  heard.a = 0;
  heard.b = 0;
  return { a, b, heard };
}

describe.skipIf(!onPostgres)('LISTEN/NOTIFY between processes', () => {
  it('signals other processes (not itself), coalesced, and listens again after its connection is cut', async () => {
    const test = await openFileDatabase();
    const { a, b, heard } = await pair(() => new PostgresNotifyFanout(test.url!));
    try {
      for (let i = 0; i < 20; i++) a.publish();
      await until(() => heard.b > 0);
      await new Promise((r) => setTimeout(r, 100));
      expect(heard.b).toBeLessThanOrEqual(2);
      expect(heard.a).toBe(0);

      // Cut every listening connection, as a PostgreSQL restart would.
      const admin = new pg.Client({ connectionString: test.url });
      await admin.connect();
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'tandem-listen' and datname = current_database()`,
      );
      await admin.end();
      // Reconnecting wakes readers (signals may have been missed), then signals flow again.
      await until(() => heard.b > 1 && heard.a > 0);
      const before = heard.b;
      a.publish();
      await until(() => heard.b > before);
    } finally {
      await a.close();
      await b.close();
      await test.dispose();
    }
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function startNats(port: number, storeDir: string): ChildProcess {
  return spawn('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
    stdio: 'ignore',
  });
}

async function stopNats(server: ChildProcess) {
  if (server.exitCode !== null) return;
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
}

// Runs once (in the embedded run): it needs no test database, only a NATS server of its own.
describe.skipIf(onPostgres)('NATS JetStream between processes', () => {
  it('signals other processes, and wakes them when NATS comes back after being stopped', {
    timeout: 60_000,
  }, async () => {
    const port = await freePort();
    const storeDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-nats-'));
    let server = startNats(port, storeDir);
    const url = `nats://127.0.0.1:${port}`;
    const { a, b, heard } = await pair(() => new NatsJetStreamFanout(url));
    try {
      a.publish();
      await until(() => heard.b > 0);
      expect(heard.a).toBe(0);

      await stopNats(server);
      a.publish(); // lost: NATS is down; the outbox poll would still find the events
      server = startNats(port, storeDir);
      const before = heard.b;
      await until(() => heard.b > before, 20_000);
      const after = heard.b;
      a.publish();
      await until(() => heard.b > after, 10_000);
    } finally {
      await a.close();
      await b.close();
      await stopNats(server);
      await rm(storeDir, { recursive: true, force: true });
    }
  });
});

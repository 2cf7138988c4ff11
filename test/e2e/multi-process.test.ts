import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMember } from '../support/app.ts';
import { onPostgres, openFileDatabase } from '../support/db.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { openEventStream } from '../support/sse.ts';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Two `tandem serve` processes on one PostgreSQL database, reading the outbox only every minute
 * unless signalled: a write on the first must reach a stream on the second within a second.
 */
async function writeOnOneSeeOnTheOther(extraEnv: Record<string, string>) {
  const test = await openFileDatabase();
  const servers: RunningServer[] = [];
  try {
    const member = await createMember(test.database);
    const env = { DATABASE_URL: test.url!, TANDEM_EVENTS_POLL_MS: '60000', ...extraEnv };
    servers.push(await startServer(env), await startServer(env));
    const [first, second] = servers as [RunningServer, RunningServer];
    const stream = await openEventStream(`${second.url}/api/v1/stream`, member.auth);
    try {
      // Let the second process finish connecting its listener before the write.
      await new Promise((r) => setTimeout(r, 1000));
      const started = Date.now();
      const response = await fetch(`${first.url}/api/v1/crm/parties`, {
        method: 'POST',
        headers: { ...member.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'organisation', name: 'Across Processes', isCustomer: true }),
      });
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as { id: string };
      await stream.waitFor(
        (events) => events.some((e) => (e.data.aggregate as { id: string }).id === id),
        1000,
      );
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await stream.close();
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await test.dispose();
  }
}

describe.skipIf(!onPostgres)('several server processes on one database', () => {
  it('a write on one process reaches a live stream on another within a second (LISTEN/NOTIFY)', {
    timeout: 180_000,
  }, async () => {
    await writeOnOneSeeOnTheOther({});
  });

  it('the same through NATS JetStream when TANDEM_NATS_URL is set', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const storeDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-nats-'));
    const nats: ChildProcess = spawn(
      '/usr/sbin/nats-server',
      ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
      {
        stdio: 'ignore',
      },
    );
    try {
      await new Promise((r) => setTimeout(r, 300));
      await writeOnOneSeeOnTheOther({ TANDEM_NATS_URL: `nats://127.0.0.1:${port}` });
    } finally {
      nats.kill('SIGTERM');
      await rm(storeDir, { recursive: true, force: true });
    }
  });
});

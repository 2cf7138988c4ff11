import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { onPostgres } from '../support/db.ts';
import { startServer } from '../support/server.ts';

describe.skipIf(onPostgres)('webhooks from a running server', () => {
  it('deliver a signed event to a subscribed URL soon after the change commits', {
    timeout: 180_000,
  }, async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const receiver = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-webhooks-'));
    const server = await startServer({ TANDEM_DATA_DIR: dataDir, TANDEM_WEBHOOK_ALLOW_PRIVATE: 'on' });
    try {
      const email = /Sign in as:\s+(\S+)/.exec(server.output())![1]!;
      const password = /Password:\s+(\S+)/.exec(server.output())![1]!;
      const session = await fetch(`${server.url}/api/v1/auth/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const auth = {
        authorization: `Bearer ${((await session.json()) as { token: string }).token}`,
        'content-type': 'application/json',
      };
      const endpoint = await fetch(`${server.url}/api/v1/webhooks/endpoints`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ url: receiverUrl, eventTypes: ['crm.party.created@1'] }),
      });
      expect(endpoint.status).toBe(201);
      const { secret } = (await endpoint.json()) as { secret: string };
      const party = await fetch(`${server.url}/api/v1/crm/parties`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ kind: 'organisation', name: 'Hooked Ltd', isCustomer: true }),
      });
      const { id } = (await party.json()) as { id: string };
      const start = Date.now();
      while (!received.some((r) => r.body.includes(id))) {
        if (Date.now() - start > 20_000) throw new Error('no webhook arrived within 20 s');
        await new Promise((r) => setTimeout(r, 100));
      }
      const delivery = received.find((r) => r.body.includes(id))!;
      const verified = new Webhook(secret).verify(delivery.body, {
        'webhook-id': String(delivery.headers['webhook-id']),
        'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
        'webhook-signature': String(delivery.headers['webhook-signature']),
      }) as { type: string; data: { name: string } };
      expect(verified).toMatchObject({ type: 'crm.party.created', data: { name: 'Hooked Ltd' } });
    } finally {
      await server.stop();
      receiver.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

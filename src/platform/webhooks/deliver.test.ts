import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deliverWebhook,
  MAX_RESPONSE_SNIPPET_BYTES,
  MAX_WEBHOOK_ATTEMPTS,
  nextRetryDelayMs,
} from './deliver.ts';
import type { LookupAll } from './outbound-guard.ts';
import { generateWebhookSecret, signWebhook } from './signature.ts';

type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
type Respond = (request: Received, response: http.ServerResponse) => void;

const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

// A real receiver on 127.0.0.1 that records every request it gets.
async function startReceiver(respond: Respond) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      respond(entry, response);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push({
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  });
  const { port } = server.address() as AddressInfo;
  return { received, port, url: `http://127.0.0.1:${port}/hooks/tandem` };
}

const signed = (body: string, secret: string) =>
  signWebhook({ id: 'evt_01', timestampSeconds: Math.floor(Date.now() / 1000), body, secrets: [secret] });

const body = JSON.stringify({ type: 'crm.party.created', data: { id: 'p_1', name: 'Zoë' } });

describe('deliverWebhook', () => {
  it('delivers a signed POST that the standardwebhooks library verifies, and reports the 2xx', async () => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver((request, response) => {
      try {
        new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
        response.writeHead(204).end();
      } catch {
        response.writeHead(401).end('bad signature');
      }
    });
    const result = await deliverWebhook({
      url: receiver.url,
      headers: signed(body, secret),
      body,
      timeoutMs: 5000,
      allowPrivate: true,
    });
    expect(result).toMatchObject({ ok: true, statusCode: 204, responseSnippet: '' });
    expect(result.error).toBeUndefined();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const [request] = receiver.received;
    expect(request).toMatchObject({ method: 'POST', url: '/hooks/tandem', body });
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'webhook-id': 'evt_01',
      host: `127.0.0.1:${receiver.port}`,
    });
  });

  it('connects to the checked address with the original Host header, resolving the name only once', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(200).end('thanks'));
    let lookups = 0;
    const lookup: LookupAll = async () => {
      lookups += 1;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const result = await deliverWebhook({
      url: `http://hooks.customer.example:${receiver.port}/in`,
      headers: signed(body, generateWebhookSecret()),
      body,
      timeoutMs: 5000,
      allowPrivate: true,
      lookup,
    });
    expect(result).toMatchObject({ ok: true, statusCode: 200, responseSnippet: 'thanks' });
    expect(lookups).toBe(1);
    expect(receiver.received[0]?.headers.host).toBe(`hooks.customer.example:${receiver.port}`);
  });

  it('reports a 500 as a failure with the status and the start of the answer', async () => {
    const receiver = await startReceiver((_request, response) =>
      response.writeHead(500).end('database is down'),
    );
    const result = await deliverWebhook({
      url: receiver.url,
      headers: {},
      body,
      timeoutMs: 5000,
      allowPrivate: true,
    });
    expect(result).toMatchObject({
      ok: false,
      statusCode: 500,
      error: 'HTTP 500',
      responseSnippet: 'database is down',
    });
  });

  it('gives up on a receiver that hangs, in about timeoutMs, with the error "timeout"', async () => {
    const receiver = await startReceiver(() => {}); // never answers
    const result = await deliverWebhook({
      url: receiver.url,
      headers: {},
      body,
      timeoutMs: 300,
      allowPrivate: true,
    });
    expect(result).toEqual({ ok: false, error: 'timeout', latencyMs: expect.any(Number) });
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    expect(result.latencyMs).toBeLessThan(1500);
    expect(receiver.received).toHaveLength(1);
  });

  it('times out a receiver that sends its status but never finishes the body', async () => {
    const receiver = await startReceiver((_request, response) => {
      response.writeHead(200);
      response.write('partial');
    });
    const result = await deliverWebhook({
      url: receiver.url,
      headers: {},
      body,
      timeoutMs: 300,
      allowPrivate: true,
    });
    expect(result).toMatchObject({ ok: false, error: 'timeout' });
    expect(result.latencyMs).toBeLessThan(1500);
  });

  it('does not follow a redirect', async () => {
    const receiver = await startReceiver((request, response) => {
      if (request.url === '/hooks/tandem') response.writeHead(302, { location: '/elsewhere' }).end();
      else response.writeHead(200).end();
    });
    const result = await deliverWebhook({
      url: receiver.url,
      headers: {},
      body,
      timeoutMs: 5000,
      allowPrivate: true,
    });
    expect(result).toMatchObject({
      ok: false,
      statusCode: 302,
      error: 'HTTP 302: redirects are not followed',
    });
    expect(receiver.received.map((request) => request.url)).toEqual(['/hooks/tandem']);
  });

  it('reads at most 4 KB of a large answer', async () => {
    const receiver = await startReceiver((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('x'.repeat(5_000_000));
    });
    const result = await deliverWebhook({
      url: receiver.url,
      headers: {},
      body,
      timeoutMs: 5000,
      allowPrivate: true,
    });
    expect(result.ok).toBe(true);
    expect(result.responseSnippet).toBe('x'.repeat(MAX_RESPONSE_SNIPPET_BYTES));
  });

  it('refuses a private URL without allowPrivate, before any connection is made', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(200).end());
    const result = await deliverWebhook({
      url: receiver.url,
      headers: {},
      body,
      timeoutMs: 5000,
      allowPrivate: false,
    });
    expect(result).toMatchObject({
      ok: false,
      error: 'webhook.url_not_allowed: 127.0.0.1 is a loopback address',
    });
    expect(result.statusCode).toBeUndefined();
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses a host name that resolves to a private address', async () => {
    const result = await deliverWebhook({
      url: 'https://hooks.customer.example/in',
      headers: {},
      body,
      timeoutMs: 5000,
      allowPrivate: false,
      lookup: async () => [{ address: '169.254.169.254', family: 4 }],
    });
    expect(result.error).toBe(
      'webhook.url_not_allowed: hooks.customer.example resolves to 169.254.169.254, which is the cloud metadata service',
    );
  });

  it('counts a slow DNS answer against the timeout', async () => {
    const result = await deliverWebhook({
      url: 'https://slow-dns.example/',
      headers: {},
      body,
      timeoutMs: 200,
      allowPrivate: false,
      lookup: () => new Promise(() => {}),
    });
    expect(result).toMatchObject({ ok: false, error: 'timeout' });
    expect(result.latencyMs).toBeLessThan(1500);
  });

  it('reports a refused connection', async () => {
    const receiver = await startReceiver(() => {});
    servers.pop()?.close(); // free the port again: nothing listens there now
    const result = await deliverWebhook({
      url: receiver.url,
      headers: {},
      body,
      timeoutMs: 5000,
      allowPrivate: true,
    });
    expect(result).toMatchObject({ ok: false, error: 'connection failed: ECONNREFUSED' });
  });

  it('names the URL host in TLS (SNI) while connecting to the pinned address', async () => {
    const serverNames: string[] = [];
    // No certificate: the handshake is refused once the name is seen, which is all this needs.
    const server = tls.createServer({
      SNICallback: (name, callback) => {
        serverNames.push(name);
        callback(new Error('no certificate here'));
      },
    });
    server.on('tlsClientError', () => {});
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    const result = await deliverWebhook({
      url: `https://hooks.customer.example:${port}/in`,
      headers: {},
      body,
      timeoutMs: 5000,
      allowPrivate: true,
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^connection failed: /);
    expect(serverNames).toEqual(['hooks.customer.example']);
  });
});

describe('nextRetryDelayMs', () => {
  const hours = (ms: number) => ms / 3_600_000;
  const totalDelayMs = (random: () => number) => {
    let total = 0;
    for (let attempt = 1; attempt < MAX_WEBHOOK_ATTEMPTS; attempt++)
      total += nextRetryDelayMs(attempt, random);
    return total;
  };

  it('starts around 10 seconds and doubles', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((attempt) => nextRetryDelayMs(attempt, middle))).toEqual([
      10_000, 20_000, 40_000, 80_000,
    ]);
  });

  it('jitters each delay by at most 10%', () => {
    expect(nextRetryDelayMs(1, () => 0)).toBe(9_000);
    expect(nextRetryDelayMs(1, () => 0.999999)).toBe(11_000);
  });

  it('caps the delay at 6 hours, however many attempts', () => {
    expect(hours(nextRetryDelayMs(14, () => 0.5))).toBe(6);
    expect(hours(nextRetryDelayMs(1000, () => 0.999999))).toBeCloseTo(6.6, 3);
  });

  it('spreads the attempts over about a day, whatever the jitter', () => {
    expect(MAX_WEBHOOK_ATTEMPTS).toBe(15);
    for (const random of [() => 0, () => 0.5, () => 0.999999, Math.random]) {
      const total = hours(totalDelayMs(random));
      expect(total).toBeGreaterThan(20);
      expect(total).toBeLessThan(30);
    }
  });

  it('refuses an attempt number that is not a positive integer', () => {
    expect(() => nextRetryDelayMs(0)).toThrow(/positive integer/);
    expect(() => nextRetryDelayMs(1.5)).toThrow(/positive integer/);
  });
});

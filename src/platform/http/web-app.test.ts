import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, testFileStore } from '../../../test/support/app.ts';
import { useTestDatabase } from '../../../test/support/db.ts';
import { modules } from '../../modules/registry.ts';
import { buildApp } from './app.ts';
import { WEB_APP_CSP } from './web-app.ts';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-AbCd1234.js"></script></head></html>';

function fakeBuild(): string {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'tandem-web-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(path.join(dist, 'assets/index-AbCd1234.js'), 'console.log("app")');
  writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dist;
}

describe('the web app served at /', () => {
  const db = useTestDatabase();
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({
      config: testConfig(),
      database: db.database,
      logger: pino({ level: 'silent' }),
      modules,
      files: testFileStore(),
      version: 'test',
      webDistDir: fakeBuild(),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const html = { accept: 'text/html,application/xhtml+xml' };

  it('answers / with the page under a CSP that allows only its own scripts', async () => {
    const response = await app.inject({ url: '/', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX);
    expect(response.headers['content-security-policy']).toBe(WEB_APP_CSP);
    expect(WEB_APP_CSP).toContain("script-src 'self'");
    expect(WEB_APP_CSP).not.toContain('unsafe-eval');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('answers the app’s own paths with the page, so links and reloads work', async () => {
    for (const url of ['/crm/parties', '/crm/parties/0190c3aa-0000-7000-8000-000000000000?x=1', '/sign-in']) {
      const response = await app.inject({ url, headers: html });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toBe(INDEX);
      expect(response.headers['content-security-policy']).toBe(WEB_APP_CSP);
    }
  });

  it('caches hashed assets for a year and other files briefly', async () => {
    const asset = await app.inject({ url: '/assets/index-AbCd1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
    // The service worker is looked up at one URL: a new build must be seen at once.
    const worker = await app.inject({ url: '/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['cache-control']).toBe('no-cache');
  });

  it('keeps unknown API paths, missing files and non-GET requests as problem+json 404s', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nope'],
      ['GET', '/api/nope'],
      ['GET', '/assets/missing-AbCd1234.js'],
      ['POST', '/crm/parties'],
    ] as const) {
      const response = await app.inject({ method, url, headers: html });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json().code).toBe('platform.route_not_found');
    }
  });

  it('leaves the API, health, metrics and the reference working', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/openapi.json' })).json().openapi).toBe('3.1.0');
    expect((await app.inject({ url: '/api/docs/' })).statusCode).toBe(200);
    const parties = await app.inject({ url: '/api/v1/crm/parties' });
    expect(parties.statusCode).toBe(401);
  });

  it('declares every route of the app public: it is the page, not data', () => {
    const web = app.routeRegistry.filter((r) => r.url.startsWith('/assets/') || r.url === '/');
    expect(web.length).toBeGreaterThan(0);
    expect(web.every((r) => r.config.public)).toBe(true);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` puts the web app (web/dist in the checkout). */
export const DEFAULT_WEB_DIST = path.resolve(import.meta.dirname, '../../../web/dist');

// The app loads only its own scripts (Vite emits no inline script); Mantine sets inline styles.
// No upgrade-insecure-requests: Tandem is often reached over plain http on a shop's network.
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HASHED_ASSET = /\/assets\/[^/]+-[\w-]{8,}\.\w+$/;
// Paths the server owns: never answered with the app's page.
const SERVER_PATH = /^\/(api|healthz|readyz|metrics)(\/|$|\?)/;
// A path whose last segment has an extension asks for a file: a missing one is a 404.
const FILE_PATH = /\.\w+$/;

export type WebApp = {
  /** Answers an unknown GET with the app's page (client-side routing); false when it is not one. */
  fallback(request: FastifyRequest, reply: FastifyReply): boolean;
};

/** Serves the built web app at `/`, when it is built. */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<WebApp> {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    app.log.warn(`the web app is not built (${distDir}); run \`npm run build:web\``);
    return { fallback: () => false };
  }
  // Read once: the files served are those of the build present at start.
  const indexHtml = readFileSync(path.join(distDir, 'index.html'));
  await app.register(async (web) => {
    web.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), public: true };
    });
    await web.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: 'index.html',
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        if (filePath.endsWith('.html')) {
          reply.header('content-security-policy', WEB_APP_CSP);
          reply.header('cache-control', 'no-cache');
        } else if (path.basename(filePath) === 'sw.js') {
          // The service worker: browsers must see a new build at once.
          reply.header('cache-control', 'no-cache');
        } else if (HASHED_ASSET.test(filePath.replaceAll('\\', '/'))) {
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        } else {
          reply.header('cache-control', 'public, max-age=3600');
        }
      },
    });
  });
  return {
    fallback(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const pathname = request.url.split('?')[0]!;
      if (SERVER_PATH.test(pathname) || FILE_PATH.test(pathname)) return false;
      // A missing script or image is a 404, not the page.
      if (!(request.headers.accept ?? '').includes('text/html')) return false;
      void reply
        .code(200)
        .header('content-security-policy', WEB_APP_CSP)
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(indexHtml);
      return true;
    },
  };
}

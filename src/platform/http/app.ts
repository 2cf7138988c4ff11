import { createHash } from 'node:crypto';
import type { RequestListener, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import etag from '@fastify/etag';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { auditRoutes } from '../audit/routes.ts';
import { apiKeyRoutes } from '../auth/api-key-routes.ts';
import { linkRoutes } from '../auth/link-routes.ts';
import { mfaRoutes } from '../auth/mfa/routes.ts';
import { oidcRoutes } from '../auth/oidc/routes.ts';
import { SingleSignOn } from '../auth/oidc/sso.ts';
import { authRoutes } from '../auth/routes.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { AppError, PlatformErrors } from '../errors.ts';
import { asyncApiDocument } from '../events/asyncapi.ts';
import { LiveHub } from '../events/live-hub.ts';
import { eventRoutes } from '../events/routes.ts';
import { streamRoutes } from '../events/stream-routes.ts';
import { onEventsCommitted } from '../events/wakeup.ts';
import { newId } from '../ids.ts';
import { jobRoutes } from '../jobs/routes.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { MailOutbox } from '../mail/outbox.ts';
import { installModules, type TandemModule } from '../module.ts';
import { rbacRoutes } from '../rbac/routes.ts';
import { localSecretKey, SecretBox } from '../secret-box.ts';
import type { FileStore } from '../storage/file-store.ts';
import { webhookRoutes } from '../webhooks/routes.ts';
import { bearerToken, cookieToken, registerAuthHook } from './auth-hook.ts';
import { registerFieldRules } from './field-rules.ts';
import { registerHealth } from './health.ts';
import { registerMetrics } from './metrics.ts';
import { registerProblemHandlers, sendProblem } from './problem.ts';
import { findInvalidText } from './text-guard.ts';
import { tlsFiles } from './tls.ts';
import { DEFAULT_WEB_DIST, registerWebApp, type WebApp } from './web-app.ts';

export type AppOptions = {
  config: Config;
  database: Database;
  logger: Logger;
  modules: TandemModule[];
  files: FileStore;
  version: string;
  /** How often open event streams get a heartbeat (15 s by default). */
  heartbeatMs?: number;
  /** Sends mail; by default through TANDEM_SMTP_URL. */
  mailer?: Mailer;
  /** Seals secrets at rest; by default from TANDEM_SECRET_KEY, else the data dir's local key. */
  secrets?: SecretBox;
  /** The built web app served at `/` (web/dist by default; not served when it is not built). */
  webDistDir?: string;
  /** Build the routes only, to describe the API (no database is touched, nothing starts). */
  describeOnly?: boolean;
};

/** Every route the app serves, with its declared permission: the basis of access tests. */
export type RegisteredRoute = {
  method: string;
  url: string;
  config: { permission?: string; public?: boolean; fieldRules?: Record<string, string> };
};

declare module 'fastify' {
  interface FastifyInstance {
    routeRegistry: RegisteredRoute[];
    /** This process's live view of the outbox, feeding the event streams. */
    live: LiveHub;
  }
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, modules, files } = options;
  installModules(modules);
  const live = new LiveHub(database, { logger: options.logger, pollMs: config.eventsPollMs });
  const secrets =
    options.secrets ??
    new SecretBox(config.secretKeys.length > 0 ? config.secretKeys : localSecretKey(config.dataDir));
  const tls = options.describeOnly ? undefined : tlsFiles(config);
  const app = Fastify({
    // Over TLS the server is an https one; Fastify's request handling is the same, and the
    // cast only keeps the app's type that of the plain http server it is otherwise.
    ...(tls
      ? { serverFactory: (handler: RequestListener) => createHttpsServer(tls, handler) as unknown as Server }
      : {}),
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    // A caller's X-Request-Id is kept (so traces join up); otherwise each request gets a new id.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
    },
    return503OnClosing: true,
    // Errors the router raises before any route runs (an over-long path parameter, a malformed
    // URL) are problem+json too.
    frameworkErrors: (error, request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const problem = tooLong
        ? new AppError('platform.uri_too_long', 414, 'A path parameter is too long', error.message)
        : PlatformErrors.validation_failed(error.message);
      void sendProblem(reply, request, problem);
    },
    ajv: { customOptions: { removeAdditional: false } },
  });
  const outbox = new MailOutbox(
    database,
    options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom }, options.logger),
    options.logger,
  );
  app.addHook('onClose', () => outbox.stop());
  const routes: RegisteredRoute[] = [];
  app.decorate('routeRegistry', routes);
  app.addHook('onRoute', (route) => {
    // CORS preflight answers carry no data and must work before sign-in.
    if (route.method === 'OPTIONS' && route.url === '*')
      route.config = { ...(route.config as object), public: true };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // Read lazily: plugins registered later (docs) still adjust the config of their own routes.
      routes.push({
        method,
        url: route.url,
        get config() {
          return (route.config ?? {}) as RegisteredRoute['config'];
        },
      });
    }
  });
  app.addHook('preValidation', async (request) => {
    const invalid =
      findInvalidText(request.body, 'body') ??
      findInvalidText(request.query, 'query') ??
      findInvalidText(request.params, 'params');
    if (invalid) throw PlatformErrors.validation_failed(`${invalid.path} ${invalid.message}`, [invalid]);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Set once the web app is registered (below); unknown paths are problem+json until then.
  let web: WebApp | undefined;
  registerProblemHandlers(app, (request, reply) => web?.fallback(request, reply) ?? false);
  // Once shutdown starts, answers close their connection, so keep-alive clients do not hold the
  // server open after their in-flight request is done.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  await app.register(helmet, { global: true });
  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
  });
  await app.register(compress, { threshold: 1024 });
  await app.register(etag, { weak: true });
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitMax,
    timeWindow: config.rateLimitWindowMs,
    // Keyed by credential where there is one: behind one proxy or on one machine, every
    // client shares an IP address.
    keyGenerator: (request) => {
      // Public routes (sign-in above all) count per address: a made-up token must not buy a
      // fresh allowance.
      const token = request.routeOptions.config.public
        ? undefined
        : (bearerToken(request) ?? cookieToken(request));
      return token
        ? `t:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`
        : `ip:${request.ip}`;
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tandem API',
        version: options.version,
        description:
          'One system for the front office and the back office. Errors are RFC 9457 problem+json with a stable `code`; lists use cursor pagination (docs/API.md); writes accept an `Idempotency-Key` header. Event types (webhooks, the live stream) are described by the AsyncAPI document at /api/asyncapi.json.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'A session token from POST /api/v1/auth/sessions, or an API key (tdk_…)',
          },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  // Built when asked: modules define their events when they load, before the first request.
  app.get('/api/asyncapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    asyncApiDocument(options.version),
  );
  await app.register(async (docs) => {
    // The reference page is Swagger UI's own bundle; keep the app's strict CSP off it.
    docs.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), public: true };
    });
    docs.addHook('onSend', async (_request, reply) => {
      reply.removeHeader('content-security-policy');
    });
    await docs.register(swaggerUi, {
      routePrefix: '/api/docs',
      uiConfig: { url: '/api/openapi.json', deepLinking: true, displayRequestDuration: true },
    });
  });

  app.decorate('live', live);
  let stopWaking: (() => void) | undefined;
  app.addHook('onReady', async () => {
    if (options.describeOnly) return;
    await live.start();
    stopWaking = onEventsCommitted(() => live.wake());
  });
  app.addHook('onClose', async () => {
    stopWaking?.();
    await live.close();
  });
  registerAuthHook(app, database, config.corsOrigins);
  registerFieldRules(app);
  registerMetrics(app, database);
  registerHealth(app, database);

  await app.register(
    async (api) => {
      await api.register(authRoutes, { database, files });
      await api.register(eventRoutes, { database, files });
      await api.register(jobRoutes, { database, files });
      await api.register(webhookRoutes, { database, files });
      await api.register(streamRoutes, { database, files, hub: live, heartbeatMs: options.heartbeatMs });
      await api.register(mfaRoutes, { database, files, secrets });
      const sso = config.oidc
        ? new SingleSignOn(database, secrets, {
            ...config.oidc,
            redirectUri: `${config.publicUrl}/api/v1/auth/oidc/callback`,
          })
        : undefined;
      await api.register(oidcRoutes, { database, files, sso, publicUrl: config.publicUrl });
      await api.register(linkRoutes, { database, files, outbox, publicUrl: config.publicUrl });
      await api.register(apiKeyRoutes, { database, files });
      await api.register(rbacRoutes, { database, files });
      await api.register(auditRoutes, { database, files });
      for (const module of modules) {
        if (module.routes) await api.register(module.routes, { database, files, config, mail: outbox });
      }
    },
    { prefix: '/api/v1' },
  );
  web = await registerWebApp(app, options.webDistDir ?? DEFAULT_WEB_DIST);
  return app;
}

import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listQuery, pageSchema } from '../http/pagination.ts';
import { ProblemSchema } from '../http/problem.ts';
import { read, write } from '../http/write.ts';
import type { ModuleRouteOptions } from '../module.ts';
import {
  CreateEndpointInput,
  DeliveryStatus,
  RotateSecretInput,
  UpdateEndpointInput,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from './contracts.ts';
import { listDeliveries, replayDelivery } from './deliveries.ts';
import {
  checkEndpointUrl,
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  rotateEndpointSecret,
  updateEndpoint,
} from './endpoints.ts';
import { webhookSettings } from './settings.ts';

export type WebhookRouteOptions = ModuleRouteOptions & {
  /** Let endpoints point at private addresses; the process's webhook settings by default. */
  allowPrivate?: boolean;
};

const IdParams = z.object({ id: z.uuid() }).strict();
const DeliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() }).strict();
const EndpointListQuery = listQuery(['createdAt', 'url'], 'createdAt', {
  enabled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
const DeliveryListQuery = listQuery(['createdAt'], '-createdAt', { status: DeliveryStatus.optional() });
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const writeProblems = { ...problems, 409: ProblemSchema, 422: ProblemSchema };
const tags = ['webhooks'];
const READ = { permission: 'webhooks.endpoint.read' };
const MANAGE = { permission: 'webhooks.endpoint.manage' };
const BASE = '/webhooks/endpoints';

/** Webhook endpoints (subscriptions of URLs to events), their secrets and their delivery log. */
export const webhookRoutes: FastifyPluginAsync<WebhookRouteOptions> = async (app, options) => {
  const { database } = options;
  const allowPrivate = options.allowPrivate ?? webhookSettings().allowPrivate;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const companyOf = (request: { principal?: { companyId: string } | undefined }) =>
    request.principal!.companyId;

  r.post(
    BASE,
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Subscribe a URL to events; the answer holds the signing secret, shown this once',
        body: CreateEndpointInput,
        response: { 201: WebhookEndpointWithSecret, ...writeProblems },
      },
    },
    async (request, reply) => {
      // Checked before the transaction opens: the SSRF guard may wait for DNS.
      const url = await checkEndpointUrl(request.body.url, allowPrivate);
      return write(database, request, reply, 201, (tx) => createEndpoint(tx, { ...request.body, url }));
    },
  );

  r.get(
    BASE,
    {
      config: READ,
      schema: {
        tags,
        summary: 'List webhook endpoints',
        querystring: EndpointListQuery,
        response: { 200: pageSchema(WebhookEndpoint), ...problems },
      },
    },
    (request) => read(database, request, (db) => listEndpoints(db, companyOf(request), request.query)),
  );

  r.get(
    `${BASE}/:id`,
    {
      config: READ,
      schema: {
        tags,
        summary: 'Get a webhook endpoint',
        params: IdParams,
        response: { 200: WebhookEndpoint, ...problems },
      },
    },
    (request) => read(database, request, (db) => getEndpoint(db, companyOf(request), request.params.id)),
  );

  r.patch(
    `${BASE}/:id`,
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Change, disable or enable a webhook endpoint (send the version you read)',
        params: IdParams,
        body: UpdateEndpointInput,
        response: { 200: WebhookEndpoint, ...writeProblems },
      },
    },
    async (request, reply) => {
      const url = request.body.url && (await checkEndpointUrl(request.body.url, allowPrivate));
      const input = url ? { ...request.body, url } : request.body;
      return write(database, request, reply, 200, (tx) => updateEndpoint(tx, request.params.id, input));
    },
  );

  r.delete(
    `${BASE}/:id`,
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Delete a webhook endpoint and its delivery log',
        params: IdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await write(database, request, reply, 204, (tx) => deleteEndpoint(tx, request.params.id));
      return reply.send(null);
    },
  );

  r.post(
    `${BASE}/:id/rotate-secret`,
    {
      config: MANAGE,
      schema: {
        tags,
        summary:
          'Replace the signing secret; the old one keeps signing too for the overlap (24 h by default)',
        params: IdParams,
        body: RotateSecretInput,
        response: { 200: WebhookEndpointWithSecret, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => rotateEndpointSecret(tx, request.params.id, request.body)),
  );

  r.get(
    `${BASE}/:id/deliveries`,
    {
      config: READ,
      schema: {
        tags,
        summary: "An endpoint's deliveries with their attempts (status code, latency, error)",
        params: IdParams,
        querystring: DeliveryListQuery,
        response: { 200: pageSchema(WebhookDelivery), ...problems },
      },
    },
    (request) =>
      read(database, request, (db) =>
        listDeliveries(db, companyOf(request), request.params.id, request.query),
      ),
  );

  r.post(
    `${BASE}/:id/deliveries/:deliveryId/replay`,
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Deliver again now, whatever the delivery state, with a fresh retry schedule',
        params: DeliveryParams,
        response: { 202: WebhookDelivery, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 202, (tx) =>
        replayDelivery(tx, request.params.id, request.params.deliveryId),
      ),
  );
};

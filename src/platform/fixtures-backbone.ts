import { z } from 'zod';
import { eventDeliveries, eventOutbox } from './events/schema.ts';
import { newId } from './ids.ts';
import { defineJob } from './jobs/define.ts';
import { enqueueJob } from './jobs/enqueue.ts';
import type { FixtureFactory } from './module.ts';
import { createEndpoint } from './webhooks/endpoints.ts';
import { webhookDeliveries } from './webhooks/schema.ts';

const fixtureJob = defineJob({
  name: 'platform.fixture.noop',
  schema: z.object({}).strict(),
  async handle() {},
});

// The backbone's routes (events, jobs, webhooks, the stream) aimed at another company's records,
// for the registry-driven cross-company test.
export const backboneFixtures: FixtureFactory = async (tx) => {
  const companyId = tx.ctx.companyId;
  const eventId = newId();
  await tx.db.insert(eventOutbox).values({
    companyId,
    id: eventId,
    type: 'fixture.thing.happened',
    typeVersion: 1,
    aggregateType: 'fixture.thing',
    aggregateId: 'fx-1',
    payload: {},
  });
  await tx.db.insert(eventDeliveries).values({
    companyId,
    subscriber: 'fixture.subscriber',
    eventId,
    aggregateType: 'fixture.thing',
    aggregateId: 'fx-1',
    txid: 0,
    seq: 0,
    status: 'dead',
    attempts: 3,
    lastError: 'fixture',
  });
  const jobId = (await enqueueJob(
    tx.db,
    fixtureJob,
    {},
    { companyId, runAt: new Date(Date.now() + 86_400_000) },
  ))!;
  const endpoint = await createEndpoint(tx, {
    url: 'https://hooks.example.com/tandem',
    eventTypes: ['*'],
    enabled: true,
  });
  const deliveryId = newId();
  await tx.db.insert(webhookDeliveries).values({
    companyId,
    id: deliveryId,
    endpointId: endpoint.id,
    eventId,
    eventType: 'fixture.thing.happened@1',
    status: 'failed',
  });
  const delivery = { subscriber: 'fixture.subscriber', eventId };
  const endpointParams = { id: endpoint.id };
  return {
    ids: [eventId, jobId, endpoint.id, deliveryId],
    routes: {
      'GET /api/v1/events/deliveries': {},
      'POST /api/v1/events/deliveries/:subscriber/:eventId/retry': { params: delivery },
      'POST /api/v1/events/deliveries/:subscriber/:eventId/skip': { params: delivery },
      'GET /api/v1/stream': {
        namesNoRecord: "streams the caller's own company's events (stream.test.ts shows no other company's)",
      },
      'GET /api/v1/jobs': {},
      'GET /api/v1/jobs/:id': { params: { id: jobId } },
      'GET /api/v1/webhooks/endpoints': {},
      'POST /api/v1/webhooks/endpoints': {
        namesNoRecord: 'creates an endpoint that refers to no other record',
      },
      'GET /api/v1/webhooks/endpoints/:id': { params: endpointParams },
      'PATCH /api/v1/webhooks/endpoints/:id': {
        params: endpointParams,
        body: { version: 1, description: 'hijacked' },
      },
      'DELETE /api/v1/webhooks/endpoints/:id': { params: endpointParams },
      'POST /api/v1/webhooks/endpoints/:id/rotate-secret': { params: endpointParams, body: {} },
      'GET /api/v1/webhooks/endpoints/:id/deliveries': { params: endpointParams },
      'POST /api/v1/webhooks/endpoints/:id/deliveries/:deliveryId/replay': {
        params: { id: endpoint.id, deliveryId },
      },
    },
  };
};

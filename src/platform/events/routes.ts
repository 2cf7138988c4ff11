import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../errors.ts';
import { ProblemSchema } from '../http/problem.ts';
import { read, write } from '../http/write.ts';
import type { ModuleRouteOptions } from '../module.ts';
import { releaseDelivery } from './dispatcher.ts';
import { eventDeliveries } from './schema.ts';

const Delivery = z
  .object({
    subscriber: z.string(),
    eventId: z.uuid(),
    aggregateType: z.string(),
    aggregateId: z.string(),
    status: z.enum(['retrying', 'held', 'dead']),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'EventDelivery', description: 'An event a subscriber has not handled yet' });

const Params = z.object({ subscriber: z.string().min(1).max(200), eventId: z.uuid() }).strict();
const ListQuery = z.object({ status: z.enum(['retrying', 'held', 'dead']).optional() }).strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const tags = ['events'];

type Row = typeof eventDeliveries.$inferSelect;
const toDelivery = (r: Row) => ({
  subscriber: r.subscriber,
  eventId: r.eventId,
  aggregateType: r.aggregateType,
  aggregateId: r.aggregateId,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
  lastError: r.lastError,
});

/** The dead-letter list: events subscribers failed on, and admin retry or skip. */
export const eventRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/events/deliveries',
    {
      config: { permission: 'events.delivery.read' },
      schema: {
        tags,
        summary: 'Events that subscribers are retrying, holding back, or gave up on (dead letters)',
        querystring: ListQuery,
        response: { 200: z.object({ data: z.array(Delivery) }), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => {
        const rows = await db
          .select()
          .from(eventDeliveries)
          .where(request.query.status ? eq(eventDeliveries.status, request.query.status) : undefined)
          .orderBy(asc(eventDeliveries.txid), asc(eventDeliveries.seq))
          .limit(500);
        return { data: rows.map(toDelivery) };
      }),
  );

  r.post(
    '/events/deliveries/:subscriber/:eventId/retry',
    {
      config: { permission: 'events.delivery.manage' },
      schema: {
        tags,
        summary: 'Try a dead event again now (its attempts start over)',
        params: Params,
        response: { 200: Delivery, ...problems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, async (tx) => {
        const [row] = await tx.db
          .update(eventDeliveries)
          .set({ status: 'retrying', attempts: 0, nextAttemptAt: new Date(), updatedAt: new Date() })
          .where(
            and(
              eq(eventDeliveries.subscriber, request.params.subscriber),
              eq(eventDeliveries.eventId, request.params.eventId),
              sql`${eventDeliveries.status} <> 'held'`,
            ),
          )
          .returning();
        if (!row)
          throw PlatformErrors.not_found('no retrying or dead delivery has this subscriber and event');
        tx.audit('events.delivery', `${row.subscriber}/${row.eventId}`, 'retry', {});
        return toDelivery(row);
      }),
  );

  r.post(
    '/events/deliveries/:subscriber/:eventId/skip',
    {
      config: { permission: 'events.delivery.manage' },
      schema: {
        tags,
        summary: 'Give up on an event for this subscriber; the next held event of its aggregate goes ahead',
        params: Params,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await write(database, request, reply, 204, async (tx) => {
        const [row] = await tx.db
          .select()
          .from(eventDeliveries)
          .where(
            and(
              eq(eventDeliveries.subscriber, request.params.subscriber),
              eq(eventDeliveries.eventId, request.params.eventId),
              sql`${eventDeliveries.status} <> 'held'`,
            ),
          );
        if (!row)
          throw PlatformErrors.not_found('no retrying or dead delivery has this subscriber and event');
        await releaseDelivery(tx.db, row.subscriber, row.companyId, row.eventId);
        tx.audit('events.delivery', `${row.subscriber}/${row.eventId}`, 'skip', {
          lastError: { old: row.lastError, new: null },
        });
        return null;
      });
      return reply.send(null);
    },
  );
};

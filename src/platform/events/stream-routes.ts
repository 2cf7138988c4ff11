import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../http/auth-hook.ts';
import type { ModuleRouteOptions } from '../module.ts';
import { can } from '../rbac/permissions.ts';
import type { LiveHub } from './live-hub.ts';
import type { DeliveredEvent } from './registry.ts';

export type StreamOptions = ModuleRouteOptions & { hub: LiveHub; heartbeatMs?: number };

/** One event in the Server-Sent Events wire format; the id lets a client resume after it. */
export function formatServerSentEvent(event: DeliveredEvent): string {
  const data = JSON.stringify({
    id: event.id,
    type: event.type,
    version: event.typeVersion,
    aggregate: { type: event.aggregateType, id: event.aggregateId },
    occurredAt: event.createdAt,
    data: event.payload,
  });
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${data}\n\n`;
}

const StreamQuery = z.object({ lastEventId: z.uuid().optional() }).strict();

/**
 * GET /api/v1/stream: the caller's company's events as they commit, those the caller's role may
 * read (`<aggregate type>.read`, e.g. `crm.party.read`), with heartbeats and resume after a
 * disconnect by the Last-Event-ID header (or `?lastEventId=`).
 */
export const streamRoutes: FastifyPluginAsync<StreamOptions> = async (app, { hub, heartbeatMs = 15_000 }) => {
  const open = new Set<ServerResponse>();
  // Streams never end by themselves; end them so the server can close.
  app.addHook('preClose', async () => {
    for (const response of open) response.end();
    open.clear();
  });

  app.get(
    '/stream',
    {
      config: { permission: 'events.stream.read' },
      schema: {
        tags: ['events'],
        summary: 'Live events of your company (Server-Sent Events; resume with Last-Event-ID)',
        querystring: StreamQuery,
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const header = request.headers['last-event-id'];
      const query = request.query as z.infer<typeof StreamQuery>;
      const lastEventId =
        typeof header === 'string' && z.uuid().safeParse(header).success ? header : query.lastEventId;
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      response.write('retry: 2000\n\n');
      open.add(response);
      const disconnect = await hub.connect(
        {
          companyId: principal.companyId,
          canSee: (event) => can(principal, `${event.aggregateType}.read`),
          send: (event) => response.write(formatServerSentEvent(event)),
        },
        lastEventId,
      );
      const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), heartbeatMs);
      const close = () => {
        clearInterval(heartbeat);
        disconnect();
        open.delete(response);
      };
      request.raw.once('close', close);
      response.once('close', close);
    },
  );
};

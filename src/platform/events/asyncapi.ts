import { z } from 'zod';
import { registeredEvents } from './define.ts';

/**
 * An AsyncAPI 3.0 document of every event type, generated from the same zod schemas that validate
 * events when they are emitted: what webhooks and the live stream carry.
 */
export function asyncApiDocument(version: string) {
  const events = registeredEvents().sort((a, b) => a.key.localeCompare(b.key));
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const event of events) {
    const id = event.key.replace(/[^\w.-]/g, '_');
    messages[id] = {
      name: event.key,
      title: event.name,
      summary: `${event.name}, version ${event.version}, about a ${event.aggregateType}`,
      contentType: 'application/json',
      payload: z.toJSONSchema(event.schema, { target: 'draft-2020-12', unrepresentable: 'any' }),
    };
    channels[id] = {
      address: event.key,
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
    };
    operations[`receive.${id}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      summary: `Delivered by webhooks and GET /api/v1/stream when ${event.name} happens`,
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Tandem events',
      version,
      description:
        'Domain events, versioned as `name@version`. Webhook bodies and stream messages wrap the payload as `{ id, type, version, companyId?, aggregate: { type, id }, occurredAt, data }`.',
    },
    channels,
    operations,
    components: { messages },
  };
}

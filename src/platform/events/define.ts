import type { z } from 'zod';

/** A typed, versioned domain event: `crm.party.created@1`. */
export type EventType<S extends z.ZodType = z.ZodType> = {
  name: string;
  version: number;
  aggregateType: string;
  schema: S;
  /** `name@version`, the key used on the wire and in the outbox. */
  key: string;
};

const registry = new Map<string, EventType>();

export function defineEvent<S extends z.ZodType>(spec: {
  name: string;
  version: number;
  aggregateType: string;
  schema: S;
}): EventType<S> {
  const key = `${spec.name}@${spec.version}`;
  if (registry.has(key)) throw new Error(`event ${key} is defined twice`);
  const event = { ...spec, key };
  registry.set(key, event);
  return event;
}

/** Every event type defined by a loaded module, for documentation and validation. */
export function registeredEvents(): EventType[] {
  return [...registry.values()];
}

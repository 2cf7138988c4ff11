import type { z } from 'zod';
import type { Tx } from '../db/tx.ts';
import type { EventType } from './define.ts';

/** An event as subscribers receive it: what was emitted, where, and its place in the outbox. */
export type DeliveredEvent<P = unknown> = {
  id: string;
  companyId: string;
  type: string;
  typeVersion: number;
  aggregateType: string;
  aggregateId: string;
  payload: P;
  requestId: string | null;
  createdAt: string;
};

/**
 * Runs inside the emitting transaction, before it commits: for effects that must commit with the
 * change or not at all (the journal entry of a sale). The emitting module never imports it.
 */
export type InTransactionSubscriber = {
  name: string;
  event: EventType;
  /** Lower runs first; ties run in registration order. */
  order?: number;
  handle(tx: Tx, event: DeliveredEvent): Promise<void>;
};

/**
 * Runs after commit, from the outbox, at least once. With `transactional` (the default) the
 * handler gets a company-scoped transaction in which the framework also records the event as
 * processed, so a redelivered event takes effect once; otherwise (webhooks, streams) the handler
 * must tolerate a repeat.
 */
export type AfterCommitSubscriber = {
  name: string;
  /** Event keys (`name@version`) it wants, or '*' for all. */
  events: readonly string[] | '*';
  transactional?: boolean;
  /**
   * Where a subscriber seen for the first time starts reading: at the first event ever
   * ('beginning', the default, for projections), or at the events committed from now on ('now',
   * for notifications such as webhooks, which must not replay history).
   */
  startAt?: 'beginning' | 'now';
  handle(tx: Tx | null, event: DeliveredEvent): Promise<void>;
};

const inTransaction = new Map<string, InTransactionSubscriber[]>();
const afterCommit = new Map<string, AfterCommitSubscriber>();

export function subscribeInTransaction<S extends z.ZodType>(subscriber: {
  name: string;
  event: EventType<S>;
  order?: number;
  handle(tx: Tx, event: DeliveredEvent<z.output<S>>): Promise<void>;
}): void {
  const list = inTransaction.get(subscriber.event.key) ?? [];
  if (list.some((s) => s.name === subscriber.name)) return;
  list.push(subscriber as unknown as InTransactionSubscriber);
  // Stable sort keeps registration order among equal `order`s.
  list.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  inTransaction.set(subscriber.event.key, list);
}

export function subscribeAfterCommit(subscriber: AfterCommitSubscriber): void {
  const existing = afterCommit.get(subscriber.name);
  if (existing && existing !== subscriber)
    throw new Error(`subscriber ${subscriber.name} is registered twice`);
  afterCommit.set(subscriber.name, subscriber);
}

export function unsubscribeAfterCommit(name: string): void {
  afterCommit.delete(name);
}

export function inTransactionSubscribersOf(eventKey: string): readonly InTransactionSubscriber[] {
  return inTransaction.get(eventKey) ?? [];
}

export function afterCommitSubscribers(): AfterCommitSubscriber[] {
  return [...afterCommit.values()];
}

export function wants(subscriber: AfterCommitSubscriber, eventKey: string): boolean {
  return subscriber.events === '*' || subscriber.events.includes(eventKey);
}

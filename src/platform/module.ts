import type { FastifyPluginAsync } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Tx } from './db/tx.ts';
import {
  type AfterCommitSubscriber,
  type InTransactionSubscriber,
  subscribeAfterCommit,
  subscribeInTransaction,
} from './events/registry.ts';
import type { ScheduleDefinition } from './jobs/define.ts';
import type { FileStore } from './storage/file-store.ts';

export type ModuleRouteOptions = {
  database: Database;
  files: FileStore;
  config?: Config;
  /** Sends mail queued by a transaction that has just committed (otherwise it goes within 30 s). */
  mail?: { kick(): Promise<void> };
};

/** An invariant `tandem check` verifies; returns the violations it finds (empty when sound). */
export type InvariantCheck = {
  name: string;
  run(database: Database): Promise<string[]>;
};

/**
 * How the cross-company test calls one route with another company's records: path parameters,
 * query and a valid body naming them. A route that names no record (a create of something that
 * refers to nothing) says so and why instead.
 */
export type RouteFixture =
  | { params?: Record<string, string>; query?: Record<string, string>; body?: unknown }
  | { namesNoRecord: string };

/** Records made in a company, and how to aim each of the module's routes (`METHOD /api/v1/…`) at them. */
export type Fixtures = { ids: string[]; routes: Record<string, RouteFixture> };

/** Makes fixture records in the transaction's company; `userId` is a member (admin) of it. */
export type FixtureFactory = (tx: Tx, context: { userId: string }) => Promise<Fixtures>;

/** What a module contributes to the platform. Each module's `module.ts` exports one. */
export type TandemModule = {
  name: string;
  /** Routes, mounted under /api/v1. */
  routes?: FastifyPluginAsync<ModuleRouteOptions>;
  /** Loads demo data into the transaction's (empty) company. */
  demo?: (tx: Tx, progress: (message: string) => void) => Promise<void>;
  checks?: InvariantCheck[];
  /** Recurring jobs (their job definitions register themselves when defined). */
  schedules?: ScheduleDefinition[];
  /** Reactions to events, its own or other modules': the emitting module never imports these. */
  subscribers?: { inTransaction?: InTransactionSubscriber[]; afterCommit?: AfterCommitSubscriber[] };
  /** Test records for the registry-driven cross-company test; every module with routes has one. */
  fixtures?: FixtureFactory;
  /** Modules whose demo data must be loaded first. */
  after?: string[];
};

/** Registers every module's event subscribers (idempotent: safe to call once per app or command). */
export function installModules(modules: readonly TandemModule[]): void {
  for (const module of modules) {
    for (const subscriber of module.subscribers?.inTransaction ?? []) subscribeInTransaction(subscriber);
    for (const subscriber of module.subscribers?.afterCommit ?? []) subscribeAfterCommit(subscriber);
  }
}

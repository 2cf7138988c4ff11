import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Executor } from '../db/database.ts';
import { type Tx, type TxContext, withReadTx, withTx } from '../db/tx.ts';
import { PlatformErrors } from '../errors.ts';
import { principalOf } from './auth-hook.ts';
import { idempotencyKeys } from './schema.ts';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function txContextOf(request: FastifyRequest): TxContext {
  const principal = principalOf(request);
  return {
    companyId: principal.companyId,
    actor: principal.actor,
    requestId: request.id,
    sourceIp: request.ip,
    ownOnly: Object.entries(principal.recordRules ?? {})
      .filter(([, scope]) => scope === 'own')
      .map(([entity]) => entity),
  };
}

/** Reads as the caller, in their company, under row-level security. */
export function read<T>(
  database: Database,
  request: FastifyRequest,
  fn: (db: Executor) => Promise<T>,
): Promise<T> {
  return withReadTx(database, txContextOf(request), fn);
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

class Replay {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
  ) {}
}

/**
 * The one write path for routes: runs `fn` in one transaction as the caller and answers with
 * `statusCode`. With an Idempotency-Key header the key is claimed inside that same transaction,
 * so a retry replays the first answer and the write takes effect once; a concurrent retry waits
 * for the first to commit, then replays it. The same key with another request is a 422.
 */
export async function write<T>(
  database: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const key = request.headers['idempotency-key'];
  if (key === undefined) {
    const result = await withTx(database, txContextOf(request), fn);
    reply.code(statusCode);
    return result;
  }
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw PlatformErrors.validation_failed('Idempotency-Key must be 1 to 255 visible ASCII characters', [
      { path: 'headers.idempotency-key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
  const principal = principalOf(request);
  const hash = requestHash(request);
  try {
    const result = await withTx(database, txContextOf(request), async (tx) => {
      await claimKey(tx, principal.actor.id ?? principal.credentialKey, key, hash);
      const value = await fn(tx);
      await tx.db
        .update(idempotencyKeys)
        .set({ statusCode, responseBody: value ?? null })
        .where(
          and(
            eq(idempotencyKeys.companyId, tx.ctx.companyId),
            eq(idempotencyKeys.principal, principal.actor.id ?? principal.credentialKey),
            eq(idempotencyKeys.key, key),
          ),
        );
      return value;
    });
    reply.code(statusCode);
    return result;
  } catch (error) {
    if (!(error instanceof Replay)) throw error;
    reply.code(error.statusCode).header('idempotent-replayed', 'true');
    return error.body as T;
  }
}

async function claimKey(tx: Tx, principal: string, key: string, hash: string): Promise<void> {
  const expiresAt = new Date(Date.now() + IDEMPOTENCY_TTL_MS);
  // A key whose 24 hours are over is forgotten, then claimed afresh.
  await tx.db.execute(
    sql`delete from http_idempotency_keys where company_id = ${tx.ctx.companyId} and principal = ${principal} and key = ${key} and expires_at < now()`,
  );
  const claimed = await tx.db
    .insert(idempotencyKeys)
    .values({ companyId: tx.ctx.companyId, principal, key, requestHash: hash, statusCode: 0, expiresAt })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length > 0) return;
  const [existing] = await tx.db
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.companyId, tx.ctx.companyId),
        eq(idempotencyKeys.principal, principal),
        eq(idempotencyKeys.key, key),
      ),
    );
  if (!existing) throw PlatformErrors.idempotency_key_in_progress('try again in a moment');
  if (existing.requestHash !== hash) {
    throw PlatformErrors.idempotency_key_reused(`the key ${key} was first used with a different request`);
  }
  throw new Replay(existing.statusCode, existing.responseBody);
}

/** Forgets keys older than 24 hours; run periodically by the server. */
export async function purgeExpiredIdempotencyKeys(database: Database): Promise<number> {
  return database.transaction(async (db) => {
    const rows = await db.execute(sql`delete from http_idempotency_keys where expires_at < now()`);
    return (rows as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? 0;
  });
}

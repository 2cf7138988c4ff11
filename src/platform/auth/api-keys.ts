import { and, desc, eq, isNull } from 'drizzle-orm';
import { diffRecords } from '../audit/changes.ts';
import type { Database, Executor } from '../db/database.ts';
import { type Tx, withSystemTx } from '../db/tx.ts';
import { PlatformErrors } from '../errors.ts';
import { newId } from '../ids.ts';
import { checkPermissions } from '../rbac/catalogue.ts';
import { grants } from '../rbac/permissions.ts';
import { rbacRoles } from '../rbac/schema.ts';
import { AuthErrors } from './errors.ts';
import type { Principal } from './principal.ts';
import { authApiKeys, companyMembers } from './schema.ts';
import { constantTimeEqual, newToken, tokenHash } from './tokens.ts';

export const API_KEY_PREFIX = 'tdk';
// last_used_at is a hint, not a log: refreshing it at most once a minute keeps reads read-only.
const LAST_USED_RESOLUTION_MS = 60_000;

export type ApiKey = {
  id: string;
  name: string;
  tokenPrefix: string;
  permissions: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

type ApiKeyRow = typeof authApiKeys.$inferSelect;

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    tokenPrefix: row.tokenPrefix,
    permissions: row.permissions,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export function isApiKeyToken(token: string): boolean {
  return token.startsWith(`${API_KEY_PREFIX}_`);
}

/** Makes a key with at most the maker's own permissions; the token is in the answer only. */
export async function createApiKey(
  tx: Tx,
  maker: Principal,
  input: { name: string; permissions: string[]; expiresInDays: number },
  catalogue: ReadonlySet<string>,
): Promise<ApiKey & { token: string }> {
  if (maker.actor.type !== 'user' || !maker.userId) {
    throw PlatformErrors.forbidden('API keys are made by signed-in members, not by other keys');
  }
  const permissions = checkPermissions(input.permissions, catalogue);
  const beyond = permissions.filter((p) => !grants(maker.permissions, p));
  if (beyond.length > 0) {
    throw AuthErrors.api_key_exceeds_role(`your role does not hold: ${beyond.join(', ')}`);
  }
  const token = newToken(API_KEY_PREFIX);
  const [row] = await tx.db
    .insert(authApiKeys)
    .values({
      companyId: tx.ctx.companyId,
      id: newId(),
      name: input.name,
      tokenHash: tokenHash(token),
      tokenPrefix: token.slice(0, 10),
      permissions,
      createdBy: maker.userId,
      expiresAt: new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000),
    })
    .returning();
  const key = toApiKey(row!);
  tx.audit('auth.api_key', key.id, 'create', diffRecords(null, key));
  return { ...key, token };
}

export async function listApiKeys(db: Executor, companyId: string): Promise<ApiKey[]> {
  const rows = await db
    .select()
    .from(authApiKeys)
    .where(eq(authApiKeys.companyId, companyId))
    .orderBy(desc(authApiKeys.createdAt))
    .limit(500);
  return rows.map(toApiKey);
}

export async function revokeApiKey(tx: Tx, id: string): Promise<void> {
  const [row] = await tx.db
    .update(authApiKeys)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(authApiKeys.companyId, tx.ctx.companyId), eq(authApiKeys.id, id), isNull(authApiKeys.revokedAt)),
    )
    .returning({ id: authApiKeys.id, revokedAt: authApiKeys.revokedAt });
  if (!row) throw AuthErrors.api_key_not_found(`no active API key has the id ${id}`);
  tx.audit('auth.api_key', id, 'revoke', { revokedAt: { old: null, new: row.revokedAt!.toISOString() } });
}

export type ApiKeyResolution = { principal: Principal } | { refused: string };

/**
 * The principal behind an API key, or why it is refused. The key acts with its own permissions,
 * capped by its maker's current role: a maker who loses a permission (or leaves) takes it from
 * their keys too.
 */
export async function resolveApiKey(database: Database, token: string): Promise<ApiKeyResolution> {
  const hash = tokenHash(token);
  const [row] = await withSystemTx(database, (db) =>
    db
      .select({ key: authApiKeys, ceiling: rbacRoles.permissions })
      .from(authApiKeys)
      .leftJoin(
        companyMembers,
        and(
          eq(companyMembers.companyId, authApiKeys.companyId),
          eq(companyMembers.userId, authApiKeys.createdBy),
        ),
      )
      .leftJoin(
        rbacRoles,
        and(eq(rbacRoles.companyId, companyMembers.companyId), eq(rbacRoles.key, companyMembers.role)),
      )
      .where(eq(authApiKeys.tokenHash, hash))
      .limit(1),
  );
  // The index finds the row by hash; the comparison itself takes the same time whatever differs.
  if (!row || !constantTimeEqual(row.key.tokenHash, hash)) return { refused: 'the API key is not known' };
  const key = row.key;
  if (key.revokedAt) return { refused: 'the API key was revoked' };
  if (key.expiresAt.getTime() <= Date.now()) return { refused: 'the API key has expired' };
  if (!row.ceiling) return { refused: 'the member who made this API key is no longer in the company' };
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await withSystemTx(database, (db) =>
      db
        .update(authApiKeys)
        .set({ lastUsedAt: new Date() })
        .where(and(eq(authApiKeys.companyId, key.companyId), eq(authApiKeys.id, key.id))),
    );
  }
  return {
    principal: {
      actor: { type: 'api_key', id: key.id },
      userId: null,
      companyId: key.companyId,
      role: null,
      permissions: new Set(key.permissions),
      ceiling: new Set(row.ceiling),
      sessionId: null,
      credentialKey: `api_key:${key.id}`,
    },
  };
}

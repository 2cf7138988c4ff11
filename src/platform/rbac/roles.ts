import { and, eq, sql } from 'drizzle-orm';
import { diffRecords } from '../audit/changes.ts';
import { companyMembers, users } from '../auth/schema.ts';
import { type Executor, queryRows } from '../db/database.ts';
import { pgErrorOf } from '../db/pg-error.ts';
import type { Tx } from '../db/tx.ts';
import { PlatformErrors } from '../errors.ts';
import { keysetPage, type Page } from '../http/pagination.ts';
import { newId } from '../ids.ts';
import { checkPermissions } from './catalogue.ts';
import type { CreateRoleInput, Member, Role, UpdateRoleInput } from './contracts.ts';
import { DEFAULT_ROLES } from './default-roles.ts';
import { RbacErrors } from './errors.ts';
import { rbacRoles } from './schema.ts';

type RoleRow = typeof rbacRoles.$inferSelect;

function toRole(row: RoleRow): Role {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    permissions: row.permissions,
    mfaRequired: row.mfaRequired,
    recordRules: row.recordRules,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Gives a new company its default roles (system transaction, as the company is created). */
export async function seedDefaultRoles(db: Executor, companyId: string): Promise<void> {
  await db
    .insert(rbacRoles)
    .values(DEFAULT_ROLES.map((r) => ({ companyId, id: newId(), ...r })))
    .onConflictDoNothing();
}

export async function getRole(db: Executor, companyId: string, id: string): Promise<Role> {
  const [row] = await db
    .select()
    .from(rbacRoles)
    .where(and(eq(rbacRoles.companyId, companyId), eq(rbacRoles.id, id)));
  if (!row) throw RbacErrors.role_not_found(`no role has the id ${id}`);
  return toRole(row);
}

export async function listRoles(
  db: Executor,
  companyId: string,
  query: { limit: number; cursor?: string | undefined; sort: string },
): Promise<Page<Role>> {
  const paging = keysetPage<RoleRow>(
    query,
    { key: rbacRoles.key, name: rbacRoles.name },
    rbacRoles.id,
    (row, field) => row[field as 'key' | 'name'],
    (row) => row.id,
  );
  const rows = await db
    .select()
    .from(rbacRoles)
    .where(and(eq(rbacRoles.companyId, companyId), paging.where))
    .orderBy(...paging.orderBy)
    .limit(paging.fetchLimit);
  const page = paging.page(rows);
  return { data: page.data.map(toRole), page: page.page };
}

export async function createRole(
  tx: Tx,
  input: CreateRoleInput,
  catalogue: ReadonlySet<string>,
): Promise<Role> {
  const permissions = checkPermissions(input.permissions, catalogue);
  const [row] = await tx.db
    .insert(rbacRoles)
    .values({
      companyId: tx.ctx.companyId,
      id: newId(),
      key: input.key,
      name: input.name,
      permissions,
      mfaRequired: input.mfaRequired,
      recordRules: input.recordRules,
      createdBy: tx.ctx.actor.id,
      updatedBy: tx.ctx.actor.id,
    })
    .returning()
    .catch((error) => {
      if (pgErrorOf(error)?.constraint === 'rbac_roles_key_unique') {
        throw RbacErrors.role_key_taken(`a role with the key ${input.key} exists`);
      }
      throw error;
    });
  const role = toRole(row!);
  tx.audit('rbac.role', role.id, 'create', diffRecords(null, role));
  return role;
}

/** Changes a role; members holding it get the new permissions on their next request. */
export async function updateRole(
  tx: Tx,
  id: string,
  input: UpdateRoleInput,
  catalogue: ReadonlySet<string>,
): Promise<Role> {
  const before = await getRole(tx.db, tx.ctx.companyId, id);
  const { version, ...changes } = input;
  if (changes.permissions) changes.permissions = checkPermissions(changes.permissions, catalogue);
  const [row] = await tx.db
    .update(rbacRoles)
    .set({ ...changes, version: version + 1, updatedAt: new Date(), updatedBy: tx.ctx.actor.id })
    .where(
      and(eq(rbacRoles.companyId, tx.ctx.companyId), eq(rbacRoles.id, id), eq(rbacRoles.version, version)),
    )
    .returning();
  if (!row) {
    throw PlatformErrors.version_conflict(`role ${id} is at version ${before.version}, not ${version}`);
  }
  await ensureAnAdminRemains(tx);
  const after = toRole(row);
  tx.audit('rbac.role', id, 'update', diffRecords(before, after));
  return after;
}

type MemberRow = { userId: string; email: string; displayName: string; role: string; joinedAt: Date };

export async function listMembers(
  db: Executor,
  companyId: string,
  query: { limit: number; cursor?: string | undefined; sort: string },
): Promise<Page<Member>> {
  const paging = keysetPage<MemberRow>(
    query,
    { joinedAt: companyMembers.createdAt, email: users.email },
    companyMembers.userId,
    (row, field) => (field === 'email' ? row.email : row.joinedAt),
    (row) => row.userId,
  );
  const rows = await db
    .select({
      userId: companyMembers.userId,
      email: users.email,
      displayName: users.displayName,
      role: companyMembers.role,
      joinedAt: companyMembers.createdAt,
    })
    .from(companyMembers)
    .innerJoin(users, eq(users.id, companyMembers.userId))
    .where(and(eq(companyMembers.companyId, companyId), paging.where))
    .orderBy(...paging.orderBy)
    .limit(paging.fetchLimit);
  const page = paging.page(rows);
  return {
    data: page.data.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
    page: page.page,
  };
}

export async function assignRole(tx: Tx, userId: string, roleKey: string): Promise<Member> {
  const companyId = tx.ctx.companyId;
  const [role] = await tx.db
    .select({ key: rbacRoles.key })
    .from(rbacRoles)
    .where(and(eq(rbacRoles.companyId, companyId), eq(rbacRoles.key, roleKey)));
  if (!role) throw RbacErrors.role_not_found(`no role has the key ${roleKey}`);
  const [before] = await tx.db
    .select({ role: companyMembers.role })
    .from(companyMembers)
    .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, userId)));
  if (!before) throw RbacErrors.member_not_found(`user ${userId} is not a member of this company`);
  await tx.db
    .update(companyMembers)
    .set({ role: roleKey })
    .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, userId)));
  await ensureAnAdminRemains(tx);
  tx.audit('auth.member', userId, 'update', diffRecords(before, { role: roleKey }));
  const [member] = await tx.db
    .select({
      userId: companyMembers.userId,
      email: users.email,
      displayName: users.displayName,
      role: companyMembers.role,
      joinedAt: companyMembers.createdAt,
    })
    .from(companyMembers)
    .innerJoin(users, eq(users.id, companyMembers.userId))
    .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, userId)));
  return { ...member!, joinedAt: member!.joinedAt.toISOString() };
}

// Without a member holding `*`, nobody could ever edit roles again: refuse that change.
async function ensureAnAdminRemains(tx: Tx): Promise<void> {
  const [row] = await queryRows<{ n: number }>(
    tx.db,
    sql`select count(*)::int as n from company_members m
          join rbac_roles r on r.company_id = m.company_id and r.key = m.role
         where m.company_id = ${tx.ctx.companyId} and '*' = any(r.permissions)`,
  );
  if (row!.n === 0) throw RbacErrors.last_admin('give another member a role with `*` first');
}

/** What a member of the company may do through their role; null when they are not a member. */
export async function memberPermissions(
  db: Executor,
  companyId: string,
  userId: string,
): Promise<string[] | null> {
  const [row] = await db
    .select({ permissions: rbacRoles.permissions })
    .from(companyMembers)
    .innerJoin(
      rbacRoles,
      and(eq(rbacRoles.companyId, companyMembers.companyId), eq(rbacRoles.key, companyMembers.role)),
    )
    .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, userId)));
  return row?.permissions ?? null;
}

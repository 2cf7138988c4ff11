import { z } from 'zod';

const RoleKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,49}$/, 'lower-case letters, digits and _, 2 to 50 characters')
  .describe('Stable key members refer to, e.g. `sales_rep`; cannot change');
const RecordRules = z
  .record(
    z
      .string()
      .regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/)
      .max(100),
    z.enum(['own', 'all']),
  )
  .describe('Per entity (e.g. `crm.party`): `own` limits members to records they own');
const PermissionList = z
  .array(z.string().max(120))
  .max(500)
  .describe('Permission names (`crm.party.read`) or wildcards (`crm.*`, `crm.party.*`, `*`)');

export const CreateRoleInput = z
  .object({
    key: RoleKey,
    name: z.string().trim().min(1).max(100),
    permissions: PermissionList,
    mfaRequired: z.boolean().default(false),
    recordRules: RecordRules.default({}),
  })
  .strict()
  .meta({ id: 'CreateRoleInput' });
export type CreateRoleInput = z.infer<typeof CreateRoleInput>;

export const UpdateRoleInput = z
  .object({
    version: z.number().int().min(1).describe('The version you last read; a stale version is a 409.'),
    name: z.string().trim().min(1).max(100).optional(),
    permissions: PermissionList.optional(),
    mfaRequired: z.boolean().optional(),
    recordRules: RecordRules.optional(),
  })
  .strict()
  .meta({ id: 'UpdateRoleInput' });
export type UpdateRoleInput = z.infer<typeof UpdateRoleInput>;

export const Role = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    permissions: z.array(z.string()),
    mfaRequired: z.boolean(),
    recordRules: z.record(z.string(), z.enum(['own', 'all'])),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const Member = z
  .object({
    userId: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: z.string(),
    joinedAt: z.iso.datetime(),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;

export const AssignRoleInput = z.object({ role: RoleKey }).strict().meta({ id: 'AssignRoleInput' });
export type AssignRoleInput = z.infer<typeof AssignRoleInput>;

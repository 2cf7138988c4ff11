// The party record's shapes: validated by the API at its edge and by the web app's forms alike.
import { z } from 'zod';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const PartyKind = z.enum(['organisation', 'person']);

export const CreatePartyInput = z
  .object({
    kind: PartyKind,
    name: trimmed(200),
    isCustomer: z.boolean().default(false),
    isSupplier: z.boolean().default(false),
    email: z.email().max(320).nullish(),
    phone: trimmed(50).nullish(),
    taxId: trimmed(50).nullish(),
    notes: z.string().max(10_000).nullish(),
  })
  .strict()
  .meta({ id: 'CreatePartyInput' });
export type CreatePartyInput = z.infer<typeof CreatePartyInput>;

export const UpdatePartyInput = z
  .object({
    version: z.number().int().min(1).describe('The version you last read; a stale version is a 409.'),
    kind: PartyKind.optional(),
    name: trimmed(200).optional(),
    isCustomer: z.boolean().optional(),
    isSupplier: z.boolean().optional(),
    email: z.email().max(320).nullish(),
    phone: trimmed(50).nullish(),
    taxId: trimmed(50).nullish(),
    notes: z.string().max(10_000).nullish(),
    archived: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'UpdatePartyInput' });
export type UpdatePartyInput = z.infer<typeof UpdatePartyInput>;

export const Party = z
  .object({
    id: z.uuid(),
    kind: PartyKind,
    name: z.string(),
    isCustomer: z.boolean(),
    isSupplier: z.boolean(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    taxId: z.string().nullable(),
    notes: z.string().nullable(),
    archived: z.boolean(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Party' });
export type Party = z.infer<typeof Party>;

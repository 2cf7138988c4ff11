// The party record's shapes: validated by the API at its edge and by the web app's forms alike.
import { z } from 'zod';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const PartyKind = z.enum(['organisation', 'person']);

export const PartyAddress = z
  .object({
    street: trimmed(200).nullish(),
    street2: trimmed(200).nullish(),
    city: trimmed(100).nullish(),
    postalCode: trimmed(20).nullish(),
    region: trimmed(100).nullish(),
    countryCode: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as FR'),
  })
  .strict()
  .meta({ id: 'PartyAddress' });
export type PartyAddress = z.infer<typeof PartyAddress>;

export const BankAccount = z
  .object({
    iban: z.string().trim().min(15).max(42).describe('IBAN, spaces allowed'),
    bic: z
      .string()
      .trim()
      .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'an 8 or 11 character BIC')
      .nullish(),
    holder: trimmed(200).nullish(),
  })
  .strict()
  .meta({ id: 'BankAccount' });
export type BankAccount = z.infer<typeof BankAccount>;

// The fields invoicing needs (EN 16931 parties), optional on every party.
const billingFields = {
  address: PartyAddress.nullish(),
  companyRegistrationId: trimmed(50).nullish().describe('Legal registration number (e.g. SIREN, HRB)'),
  peppolEndpointId: trimmed(100).nullish().describe('Electronic address for e-invoices (BT-49)'),
  peppolEndpointScheme: z
    .string()
    .regex(/^\d{4}$/, 'a four-digit EAS code such as 0088 or 9930')
    .nullish(),
  paymentTermDays: z.number().int().min(0).max(365).nullish().describe('Default days to pay'),
  creditLimit: z
    .string()
    .regex(/^\d{1,15}(\.\d{1,4})?$/, 'an amount such as 5000.00')
    .nullish()
    .describe('Most the customer may owe, in the company currency; none when empty'),
  bankAccounts: z.array(BankAccount).max(5).nullish(),
};

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
    ...billingFields,
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
    ...billingFields,
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
    address: PartyAddress.nullable(),
    companyRegistrationId: z.string().nullable(),
    peppolEndpointId: z.string().nullable(),
    peppolEndpointScheme: z.string().nullable(),
    paymentTermDays: z.number().int().nullable(),
    creditLimit: z.string().nullable(),
    bankAccounts: z.array(BankAccount).nullable().describe('Null when your role may not see bank details'),
    archived: z.boolean(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Party' });
export type Party = z.infer<typeof Party>;

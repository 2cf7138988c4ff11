import { and, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { diffRecords } from '../../platform/audit/changes.ts';
import type { Executor } from '../../platform/db/database.ts';
import { escapeLike } from '../../platform/db/like.ts';
import { pgErrorOf } from '../../platform/db/pg-error.ts';
import type { Tx } from '../../platform/db/tx.ts';
import { PlatformErrors } from '../../platform/errors.ts';
import { keysetPage, type Page } from '../../platform/http/pagination.ts';
import { newId } from '../../platform/ids.ts';
import { isValidIban, normaliseIban } from '../../shared/iban.ts';
import type { CreatePartyInput, Party, UpdatePartyInput } from './contracts.ts';
import { CrmErrors } from './errors.ts';
import { PartyCreated, PartyUpdated } from './events.ts';
import { crmParties } from './schema.ts';

type PartyRow = typeof crmParties.$inferSelect;

export function toParty(row: PartyRow): Party {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    isCustomer: row.isCustomer,
    isSupplier: row.isSupplier,
    email: row.email,
    phone: row.phone,
    taxId: row.taxId,
    notes: row.notes,
    address: row.countryCode
      ? {
          street: row.street,
          street2: row.street2,
          city: row.city,
          postalCode: row.postalCode,
          region: row.region,
          countryCode: row.countryCode,
        }
      : null,
    companyRegistrationId: row.companyRegistrationId,
    peppolEndpointId: row.peppolEndpointId,
    peppolEndpointScheme: row.peppolEndpointScheme,
    paymentTermDays: row.paymentTermDays,
    creditLimit: row.creditLimit === null ? null : row.creditLimit.replace(/\.?0+$/, ''),
    bankAccounts: row.bankAccounts ?? [],
    archived: row.archived,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function snapshot(party: Party) {
  const { id, kind, name, isCustomer, isSupplier, email, taxId, archived, version } = party;
  return { partyId: id, kind, name, isCustomer, isSupplier, email, taxId, archived, version };
}

type BillingInput = Pick<
  CreatePartyInput,
  | 'address'
  | 'companyRegistrationId'
  | 'peppolEndpointId'
  | 'peppolEndpointScheme'
  | 'paymentTermDays'
  | 'creditLimit'
  | 'bankAccounts'
>;

// The columns of the billing fields the input names: undefined leaves a field as it is, null clears it.
function billingColumns(input: BillingInput): Partial<typeof crmParties.$inferInsert> {
  const columns: Partial<typeof crmParties.$inferInsert> = {};
  if (input.address !== undefined) {
    const address = input.address;
    Object.assign(columns, {
      street: address?.street ?? null,
      street2: address?.street2 ?? null,
      city: address?.city ?? null,
      postalCode: address?.postalCode ?? null,
      region: address?.region ?? null,
      countryCode: address?.countryCode ?? null,
    });
  }
  for (const field of [
    'companyRegistrationId',
    'peppolEndpointId',
    'peppolEndpointScheme',
    'paymentTermDays',
    'creditLimit',
  ] as const) {
    if (input[field] !== undefined) Object.assign(columns, { [field]: input[field] ?? null });
  }
  if (input.bankAccounts !== undefined) {
    const accounts = input.bankAccounts ?? [];
    const invalid = accounts.findIndex((account) => !isValidIban(account.iban));
    if (invalid >= 0) {
      throw CrmErrors.bank_account_invalid(`${accounts[invalid]!.iban} is not a valid IBAN`, [
        { path: `bankAccounts.${invalid}.iban`, message: 'not a valid IBAN (checked by its check digits)' },
      ]);
    }
    columns.bankAccounts = accounts.map((account) => ({
      iban: normaliseIban(account.iban),
      bic: account.bic ?? null,
      holder: account.holder ?? null,
    }));
  }
  return columns;
}

function checkEndpoint(party: {
  peppolEndpointId?: string | null;
  peppolEndpointScheme?: string | null;
}): void {
  if (!party.peppolEndpointId !== !party.peppolEndpointScheme) {
    throw CrmErrors.endpoint_incomplete('an electronic address (Peppol) has both an id and its scheme');
  }
}

function rethrowTaxIdTaken(error: unknown, taxId: string | null | undefined): never {
  if (pgErrorOf(error)?.constraint === 'crm_parties_tax_id_unique') {
    throw CrmErrors.party_tax_id_taken(`the tax id ${taxId} belongs to another party`);
  }
  throw error;
}

export async function createParty(tx: Tx, input: CreatePartyInput): Promise<Party> {
  if (!input.isCustomer && !input.isSupplier) {
    throw CrmErrors.party_role_required('set isCustomer, isSupplier or both');
  }
  checkEndpoint(input);
  const actorId = tx.ctx.actor.id;
  const [row] = await tx.db
    .insert(crmParties)
    .values({
      companyId: tx.ctx.companyId,
      id: newId(),
      kind: input.kind,
      name: input.name,
      isCustomer: input.isCustomer,
      isSupplier: input.isSupplier,
      email: input.email ?? null,
      phone: input.phone ?? null,
      taxId: input.taxId ?? null,
      notes: input.notes ?? null,
      ...billingColumns(input),
      createdBy: actorId,
      updatedBy: actorId,
    })
    .returning()
    .catch((error) => rethrowTaxIdTaken(error, input.taxId));
  const party = toParty(row!);
  tx.audit('crm.party', party.id, 'create', diffRecords(null, party));
  await tx.emit(PartyCreated, party.id, snapshot(party));
  return party;
}

export async function getParty(db: Executor, companyId: string, id: string): Promise<Party> {
  const [row] = await db
    .select()
    .from(crmParties)
    .where(and(eq(crmParties.companyId, companyId), eq(crmParties.id, id)));
  if (!row) throw CrmErrors.party_not_found(`no party has the id ${id}`);
  return toParty(row);
}

/** Which of these ids are parties of the company (for modules that refer to parties by id). */
export async function existingPartyIds(
  db: Executor,
  companyId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: crmParties.id })
    .from(crmParties)
    .where(and(eq(crmParties.companyId, companyId), inArray(crmParties.id, [...new Set(ids)])));
  return new Set(rows.map((row) => row.id));
}

/** The names of these parties, by id (for reports that list partners). */
export async function partyNames(
  db: Executor,
  companyId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: crmParties.id, name: crmParties.name })
    .from(crmParties)
    .where(and(eq(crmParties.companyId, companyId), inArray(crmParties.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The party whose bank accounts include this IBAN (electronic form), if one does. */
export async function partyByIban(db: Executor, companyId: string, iban: string): Promise<Party | undefined> {
  const [row] = await db
    .select()
    .from(crmParties)
    .where(
      and(
        eq(crmParties.companyId, companyId),
        sql`${crmParties.bankAccounts} @> ${JSON.stringify([{ iban }])}::jsonb`,
      ),
    )
    .limit(1);
  return row ? toParty(row) : undefined;
}

/**
 * Applies the changed fields if `version` is still current (optimistic concurrency): the update
 * matches on the version, so two editors of one party cannot overwrite each other silently.
 */
export async function updateParty(tx: Tx, id: string, input: UpdatePartyInput): Promise<Party> {
  const before = await getParty(tx.db, tx.ctx.companyId, id);
  const { version, ...changes } = input;
  const next = {
    ...before,
    ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
  };
  if (!next.isCustomer && !next.isSupplier) {
    throw CrmErrors.party_role_required('a party must stay a customer, a supplier or both');
  }
  checkEndpoint(next);
  const {
    address,
    companyRegistrationId,
    peppolEndpointId,
    peppolEndpointScheme,
    paymentTermDays,
    creditLimit,
    bankAccounts,
    ...plain
  } = changes;
  const billing = billingColumns({
    address,
    companyRegistrationId,
    peppolEndpointId,
    peppolEndpointScheme,
    paymentTermDays,
    creditLimit,
    bankAccounts,
  });
  const [row] = await tx.db
    .update(crmParties)
    .set({ ...plain, ...billing, version: version + 1, updatedAt: new Date(), updatedBy: tx.ctx.actor.id })
    .where(
      and(eq(crmParties.companyId, tx.ctx.companyId), eq(crmParties.id, id), eq(crmParties.version, version)),
    )
    .returning()
    .catch((error) => rethrowTaxIdTaken(error, input.taxId));
  if (!row) {
    throw PlatformErrors.version_conflict(
      `party ${id} is at version ${before.version}, not ${version}; reload it and apply your change again`,
    );
  }
  const after = toParty(row);
  const diff = diffRecords(before, after);
  tx.audit('crm.party', id, 'update', diff);
  await tx.emit(PartyUpdated, id, { ...snapshot(after), changedFields: Object.keys(diff) });
  return after;
}

export type PartyListQuery = {
  limit: number;
  cursor?: string | undefined;
  sort: string;
  q?: string | undefined;
  role?: 'customer' | 'supplier' | undefined;
  archived?: boolean | undefined;
};

export async function listParties(
  db: Executor,
  companyId: string,
  query: PartyListQuery,
): Promise<Page<Party>> {
  const paging = keysetPage<PartyRow>(
    query,
    { name: crmParties.name, createdAt: crmParties.createdAt, updatedAt: crmParties.updatedAt },
    crmParties.id,
    (row, field) => row[field as 'name' | 'createdAt' | 'updatedAt'],
    (row) => row.id,
  );
  const filters: (SQL | undefined)[] = [
    eq(crmParties.companyId, companyId),
    eq(crmParties.archived, query.archived ?? false),
    query.role === 'customer' ? eq(crmParties.isCustomer, true) : undefined,
    query.role === 'supplier' ? eq(crmParties.isSupplier, true) : undefined,
    query.q
      ? or(
          ilike(crmParties.name, `%${escapeLike(query.q)}%`),
          ilike(crmParties.email, `%${escapeLike(query.q)}%`),
          eq(crmParties.taxId, query.q),
        )
      : undefined,
    paging.where,
  ];
  const rows = await db
    .select()
    .from(crmParties)
    .where(and(...filters))
    .orderBy(...paging.orderBy)
    .limit(paging.fetchLimit);
  const page = paging.page(rows);
  return { data: page.data.map(toParty), page: page.page };
}

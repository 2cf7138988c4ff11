import { and, eq } from 'drizzle-orm';
import { diffRecords } from '../../../platform/audit/changes.ts';
import { companies } from '../../../platform/auth/schema.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { PlatformErrors } from '../../../platform/errors.ts';
import { isValidIban, normaliseIban } from '../../../shared/iban.ts';
import type { AccountingSettings, UpdateSettingsInput } from '../contracts.ts';
import { AccountingErrors } from '../errors.ts';
import { accountingSettings } from './schema.ts';

export async function companyCurrency(db: Executor, companyId: string): Promise<string> {
  const [row] = await db
    .select({ currencyCode: companies.currencyCode })
    .from(companies)
    .where(eq(companies.id, companyId));
  if (!row) throw PlatformErrors.not_found(`no company ${companyId}`);
  return row.currencyCode;
}

export async function companyName(db: Executor, companyId: string): Promise<string> {
  const [row] = await db.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
  if (!row) throw PlatformErrors.not_found(`no company ${companyId}`);
  return row.name;
}

/** The company's accounting settings; refuses when accounting was never set up. */
export async function getSettings(db: Executor, companyId: string): Promise<AccountingSettings> {
  const [row] = await db.select().from(accountingSettings).where(eq(accountingSettings.companyId, companyId));
  if (!row) {
    throw AccountingErrors.not_set_up(
      'set accounting up first: POST /api/v1/accounting/setup with a chart template',
    );
  }
  return {
    chartTemplate: row.chartTemplate,
    currencyCode: await companyCurrency(db, companyId),
    taxRounding: row.taxRounding,
    lockDate: row.lockDate,
    legalName: row.legalName,
    vatId: row.vatId,
    registrationId: row.registrationId,
    street: row.street,
    street2: row.street2,
    city: row.city,
    postalCode: row.postalCode,
    region: row.region,
    countryCode: row.countryCode,
    email: row.email,
    phone: row.phone,
    iban: row.iban,
    bic: row.bic,
    peppolEndpointId: row.peppolEndpointId,
    peppolEndpointScheme: row.peppolEndpointScheme,
    dunningLevels: row.dunningLevels,
    version: row.version,
  };
}

export async function isSetUp(db: Executor, companyId: string): Promise<boolean> {
  const [row] = await db
    .select({ companyId: accountingSettings.companyId })
    .from(accountingSettings)
    .where(eq(accountingSettings.companyId, companyId));
  return row !== undefined;
}

export async function updateSettings(tx: Tx, input: UpdateSettingsInput): Promise<AccountingSettings> {
  const { companyId } = tx.ctx;
  const before = await getSettings(tx.db, companyId);
  const { version, ...changes } = input;
  if (changes.iban) {
    if (!isValidIban(changes.iban))
      throw AccountingErrors.iban_invalid(`${changes.iban} is not a valid IBAN`, [
        { path: 'iban', message: 'not a valid IBAN' },
      ]);
    changes.iban = normaliseIban(changes.iban);
  }
  const [row] = await tx.db
    .update(accountingSettings)
    .set({ ...changes, version: version + 1, updatedAt: new Date(), updatedBy: tx.ctx.actor.id })
    .where(and(eq(accountingSettings.companyId, companyId), eq(accountingSettings.version, version)))
    .returning();
  if (!row) {
    throw PlatformErrors.version_conflict(`the settings are at version ${before.version}, not ${version}`);
  }
  const after = await getSettings(tx.db, companyId);
  tx.audit('accounting.settings', companyId, 'update', diffRecords(before, after));
  return after;
}

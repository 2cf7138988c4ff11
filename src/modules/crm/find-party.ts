import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import type { Party } from './contracts.ts';
import { crmParties } from './schema.ts';
import { toParty } from './service.ts';

/** What a document says about a party, to find it among the company's parties. */
export type PartyIdentifiers = {
  /** A VAT id; spaces and letter case do not count ("fr 40 303265045" is FR40303265045). */
  taxId?: string | null;
  /** An electronic address (Peppol): its EAS scheme and id, letter case not counting. */
  endpoint?: { scheme: string; id: string } | null;
  /** A legal registration id, which is unique only within its country. */
  registrationId?: string | null;
  countryCode?: string | null;
  /** A legal name, used only when the document has no identifier and one party alone has it. */
  name?: string | null;
};

export type PartyMatch = { party: Party; matchedBy: 'taxId' | 'endpoint' | 'registrationId' | 'name' };

/** A VAT id as parties are compared by it: upper case, no spaces. */
export function normaliseTaxId(taxId: string): string {
  return taxId.replace(/\s+/g, '').toUpperCase();
}

async function firstWhere(db: Executor, companyId: string, condition: ReturnType<typeof sql>) {
  const rows = await db
    .select()
    .from(crmParties)
    .where(and(eq(crmParties.companyId, companyId), condition))
    .orderBy(asc(crmParties.archived), asc(crmParties.createdAt))
    .limit(2);
  return rows;
}

/**
 * The party a document names, tried in order of certainty: its VAT id, its electronic address,
 * its registration id in its country, and, for a document with none of these, its exact name
 * when exactly one party has it.
 */
export async function findPartyByIdentifiers(
  db: Executor,
  companyId: string,
  keys: PartyIdentifiers,
): Promise<PartyMatch | null> {
  const tries: [PartyMatch['matchedBy'], ReturnType<typeof sql> | null][] = [
    [
      'taxId',
      keys.taxId
        ? sql`upper(regexp_replace(${crmParties.taxId}, '\\s+', '', 'g')) = ${normaliseTaxId(keys.taxId)}`
        : null,
    ],
    [
      'endpoint',
      keys.endpoint
        ? sql`${crmParties.peppolEndpointScheme} = ${keys.endpoint.scheme} and lower(${crmParties.peppolEndpointId}) = ${keys.endpoint.id.trim().toLowerCase()}`
        : null,
    ],
    [
      'registrationId',
      keys.registrationId && keys.countryCode
        ? sql`${crmParties.companyRegistrationId} = ${keys.registrationId.trim()} and ${crmParties.countryCode} = ${keys.countryCode}`
        : null,
    ],
    // A document that names its party by an identifier is not matched to another by name.
    [
      'name',
      keys.name && !keys.taxId && !keys.endpoint && !keys.registrationId
        ? sql`lower(${crmParties.name}) = ${keys.name.trim().toLowerCase()}`
        : null,
    ],
  ];
  for (const [matchedBy, condition] of tries) {
    if (!condition) continue;
    const rows = await firstWhere(db, companyId, condition);
    // A name two parties share identifies neither.
    if (matchedBy === 'name' && rows.length !== 1) continue;
    if (rows[0]) return { party: toParty(rows[0]), matchedBy };
  }
  return null;
}

// The supplier of an imported e-invoice: the party its seller (BG-4) names, found by VAT id,
// electronic address or registration id, or else recorded from what the document says of it.

import type { Tx } from '../../../platform/db/tx.ts';
import { CreatePartyInput } from '../../../shared/crm/party.ts';
import {
  createParty,
  findPartyByIdentifiers,
  normaliseTaxId,
  type Party,
  updateParty,
} from '../../crm/index.ts';
import type { DocumentAddress, DocumentParty } from '../documents/invoice-document.ts';
import { EinvoiceErrors } from '../einvoice/errors.ts';

// A party stores a Peppol address with a four-digit EAS code; older codes (e.g. "EM") are not kept.
function endpointOf(seller: DocumentParty) {
  const endpoint = seller.endpoint;
  return endpoint && /^\d{4}$/.test(endpoint.scheme) ? endpoint : null;
}

function identifiersOf(seller: DocumentParty) {
  return {
    taxId: seller.vatId,
    endpoint: endpointOf(seller),
    registrationId: seller.legalId?.id ?? null,
    countryCode: seller.address.countryCode || null,
    name: seller.name,
  };
}

/** The company's party for the seller, if it has one. */
export async function findSupplier(tx: Tx, seller: DocumentParty): Promise<Party | null> {
  const match = await findPartyByIdentifiers(tx.db, tx.ctx.companyId, identifiersOf(seller));
  return match?.party ?? null;
}

/** A party that sends us a bill is a supplier, whatever else it is. */
export async function asSupplier(tx: Tx, party: Party): Promise<Party> {
  return party.isSupplier ? party : updateParty(tx, party.id, { version: party.version, isSupplier: true });
}

const orNull = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

function addressOf(address: DocumentAddress) {
  if (!/^[A-Z]{2}$/.test(address.countryCode)) return null;
  const [street, ...more] = address.lines;
  return {
    street: orNull(street),
    street2: orNull(more.join(', ')),
    city: orNull(address.city),
    postalCode: orNull(address.postalCode),
    region: orNull(address.countrySubdivision),
    countryCode: address.countryCode,
  };
}

/** Records the seller as a new supplier: its name, VAT id, address, Peppol address and registration id. */
export async function createSupplier(tx: Tx, seller: DocumentParty): Promise<Party> {
  const endpoint = endpointOf(seller);
  const parsed = CreatePartyInput.safeParse({
    kind: 'organisation',
    name: seller.name,
    isCustomer: false,
    isSupplier: true,
    taxId: seller.vatId ? normaliseTaxId(seller.vatId) : null,
    companyRegistrationId: orNull(seller.legalId?.id),
    peppolEndpointId: endpoint?.id ?? null,
    peppolEndpointScheme: endpoint?.scheme ?? null,
    address: addressOf(seller.address),
  });
  if (!parsed.success) {
    throw EinvoiceErrors.einvoice_value_invalid(
      'The seller cannot be recorded as a supplier',
      parsed.error.issues.map((issue) => ({
        path: `seller.${issue.path.join('.')}`,
        message: issue.message,
      })),
    );
  }
  return createParty(tx, parsed.data);
}

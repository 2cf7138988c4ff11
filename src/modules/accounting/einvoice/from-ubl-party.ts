// Reading the parties (BG-4, BG-7, BG-11) and the delivery (BG-13) of a UBL document.

import type {
  DocumentAddress,
  DocumentDelivery,
  DocumentParty,
  DocumentTaxRepresentative,
} from '../documents/invoice-document.ts';
import { EinvoiceErrors } from './errors.ts';
import { attributeOf, find, findAll, textAt, type XmlNode } from './xml-tree.ts';

export function required(from: XmlNode | undefined, path: string, term: string): string {
  const text = textAt(from, path);
  if (text === null) throw EinvoiceErrors.einvoice_field_missing(`${term} (${path}) is missing`);
  return text;
}

// BT-40/55 are mandatory: an absent address reads as an empty one and the rules (BR-09, BR-11) say so.
function noAddress(): DocumentAddress {
  return { lines: [], city: null, postalCode: null, countrySubdivision: null, countryCode: '' };
}

export function readAddress(address: XmlNode | undefined): DocumentAddress | null {
  if (!address) return null;
  const lines = [
    textAt(address, 'cbc:StreetName'),
    textAt(address, 'cbc:AdditionalStreetName'),
    textAt(address, 'cac:AddressLine/cbc:Line'),
  ].filter((line): line is string => line !== null);
  return {
    lines,
    city: textAt(address, 'cbc:CityName'),
    postalCode: textAt(address, 'cbc:PostalZone'),
    countrySubdivision: textAt(address, 'cbc:CountrySubentity'),
    countryCode: textAt(address, 'cac:Country/cbc:IdentificationCode') ?? '',
  };
}

function taxSchemeIs(scheme: XmlNode, vat: boolean): boolean {
  return (textAt(scheme, 'cac:TaxScheme/cbc:ID')?.toUpperCase() === 'VAT') === vat;
}

function companyIdOf(party: XmlNode, vat: boolean): string | null {
  const scheme = findAll(party, 'cac:PartyTaxScheme').find((entry) => taxSchemeIs(entry, vat));
  return textAt(scheme, 'cbc:CompanyID');
}

function identifierOf(element: XmlNode | undefined): { id: string; scheme: string | null } | null {
  const id = element?.text.trim();
  return id ? { id, scheme: attributeOf(element, 'schemeID') } : null;
}

function contactOf(party: XmlNode): DocumentParty['contact'] {
  const contact = find(party, 'cac:Contact');
  const name = textAt(contact, 'cbc:Name');
  const phone = textAt(contact, 'cbc:Telephone');
  const email = textAt(contact, 'cbc:ElectronicMail');
  return name || phone || email ? { name, phone, email } : null;
}

/** A cac:Party (of AccountingSupplierParty or AccountingCustomerParty). */
export function readParty(party: XmlNode | undefined, term: string): DocumentParty {
  if (!party) throw EinvoiceErrors.einvoice_field_missing(`${term} is missing`);
  const endpoint = identifierOf(find(party, 'cbc:EndpointID'));
  return {
    name: required(party, 'cac:PartyLegalEntity/cbc:RegistrationName', `${term} name`),
    tradingName: textAt(party, 'cac:PartyName/cbc:Name'),
    vatId: companyIdOf(party, true),
    taxRegistrationId: companyIdOf(party, false),
    legalId: identifierOf(find(party, 'cac:PartyLegalEntity/cbc:CompanyID')),
    identifiers: findAll(party, 'cac:PartyIdentification/cbc:ID')
      .map(identifierOf)
      .filter((identifier) => identifier !== null),
    // An endpoint without its scheme breaks BR-62/63; it is kept so the rules can say so.
    endpoint: endpoint && { id: endpoint.id, scheme: endpoint.scheme ?? '' },
    address: readAddress(find(party, 'cac:PostalAddress')) ?? noAddress(),
    contact: contactOf(party),
  };
}

export function readTaxRepresentative(party: XmlNode | undefined): DocumentTaxRepresentative | null {
  if (!party) return null;
  return {
    name: textAt(party, 'cac:PartyName/cbc:Name') ?? '',
    vatId: companyIdOf(party, true) ?? '',
    address: readAddress(find(party, 'cac:PostalAddress')) ?? noAddress(),
  };
}

export function readDelivery(delivery: XmlNode | undefined): DocumentDelivery | null {
  const location = find(delivery, 'cac:DeliveryLocation');
  const result: DocumentDelivery = {
    partyName: textAt(delivery, 'cac:DeliveryParty/cac:PartyName/cbc:Name'),
    locationId: identifierOf(find(location, 'cbc:ID')),
    address: readAddress(find(location, 'cac:Address')),
  };
  return result.partyName || result.locationId || result.address ? result : null;
}

// The parties of a UBL document (seller BG-4, buyer BG-7, tax representative BG-11) and the
// delivery (BG-13), each with its children in UBL 2.1 schema order.

import type {
  DocumentAddress,
  DocumentDelivery,
  DocumentParty,
  DocumentTaxRepresentative,
} from '../documents/invoice-document.ts';
import { leaf, node, type XmlElement } from './xml-writer.ts';

// Street lines: BT-35 StreetName, BT-36 AdditionalStreetName, BT-162 AddressLine/Line.
export function addressXml(name: string, address: DocumentAddress | null): XmlElement | null {
  if (!address) return null;
  const [street, additional, line3] = address.lines;
  return node(name, [
    leaf('cbc:StreetName', street),
    leaf('cbc:AdditionalStreetName', additional),
    leaf('cbc:CityName', address.city),
    leaf('cbc:PostalZone', address.postalCode),
    leaf('cbc:CountrySubentity', address.countrySubdivision),
    node('cac:AddressLine', [leaf('cbc:Line', line3)]),
    node('cac:Country', [leaf('cbc:IdentificationCode', address.countryCode)]),
  ]);
}

function taxSchemeXml(companyId: string | null | undefined, scheme: 'VAT' | 'TAX'): XmlElement | null {
  if (!companyId) return null;
  return node('cac:PartyTaxScheme', [
    leaf('cbc:CompanyID', companyId),
    node('cac:TaxScheme', [leaf('cbc:ID', scheme)]),
  ]);
}

/** cac:Party of the seller or the buyer. */
export function partyXml(party: DocumentParty): XmlElement | null {
  return node('cac:Party', [
    party.endpoint && leaf('cbc:EndpointID', party.endpoint.id, { schemeID: party.endpoint.scheme }),
    ...(party.identifiers ?? []).map((identifier) =>
      node('cac:PartyIdentification', [leaf('cbc:ID', identifier.id, { schemeID: identifier.scheme })]),
    ),
    node('cac:PartyName', [leaf('cbc:Name', party.tradingName)]),
    addressXml('cac:PostalAddress', party.address),
    taxSchemeXml(party.vatId, 'VAT'),
    // BT-32 uses a tax scheme other than VAT; "TAX" is what the EN 16931 examples use.
    taxSchemeXml(party.taxRegistrationId, 'TAX'),
    node('cac:PartyLegalEntity', [
      leaf('cbc:RegistrationName', party.name),
      party.legalId && leaf('cbc:CompanyID', party.legalId.id, { schemeID: party.legalId.scheme }),
    ]),
    party.contact &&
      node('cac:Contact', [
        leaf('cbc:Name', party.contact.name),
        leaf('cbc:Telephone', party.contact.phone),
        leaf('cbc:ElectronicMail', party.contact.email),
      ]),
  ]);
}

export function taxRepresentativeXml(representative: DocumentTaxRepresentative | null | undefined) {
  if (!representative) return null;
  return node('cac:TaxRepresentativeParty', [
    node('cac:PartyName', [leaf('cbc:Name', representative.name)]),
    addressXml('cac:PostalAddress', representative.address),
    taxSchemeXml(representative.vatId, 'VAT'),
  ]);
}

// BT-72 is the actual delivery date; BT-7 (tax point date) is never written beside it (BR-CO-03).
export function deliveryXml(date: string | null, delivery: DocumentDelivery | null | undefined) {
  return node('cac:Delivery', [
    leaf('cbc:ActualDeliveryDate', date),
    delivery &&
      node('cac:DeliveryLocation', [
        delivery.locationId &&
          leaf('cbc:ID', delivery.locationId.id, { schemeID: delivery.locationId.scheme }),
        addressXml('cac:Address', delivery.address),
      ]),
    delivery && node('cac:DeliveryParty', [node('cac:PartyName', [leaf('cbc:Name', delivery.partyName)])]),
  ]);
}

// The UBL 2.1 namespaces and the EN 16931 / Peppol BIS Billing 3.0 identifiers.

export const UBL_NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

export type UblProfile = 'peppol' | 'en16931';

/** BT-24 (cbc:CustomizationID) per profile. */
export const CUSTOMIZATION_ID: Readonly<Record<UblProfile, string>> = {
  peppol: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
  en16931: 'urn:cen.eu:en16931:2017',
};

/** BT-23 (cbc:ProfileID): Peppol's billing process; plain EN 16931 writes the document's own, if any. */
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

export const DEFAULT_TYPE_CODE = { invoice: '380', credit_note: '381' } as const;

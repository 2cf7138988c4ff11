// The crm module's public face: other modules import only from here.
export type { CreatePartyInput, Party, UpdatePartyInput } from './contracts.ts';
export { PartyCreated, PartyUpdated } from './events.ts';
export {
  findPartyByIdentifiers,
  normaliseTaxId,
  type PartyIdentifiers,
  type PartyMatch,
} from './find-party.ts';
export {
  createParty,
  existingPartyIds,
  getParty,
  listParties,
  partyByIban,
  partyNames,
  updateParty,
} from './service.ts';

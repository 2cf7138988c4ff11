// The crm module's public face: other modules import only from here.
export type { CreatePartyInput, Party, UpdatePartyInput } from './contracts.ts';
export { PartyCreated, PartyUpdated } from './events.ts';
export {
  createParty,
  existingPartyIds,
  getParty,
  listParties,
  partyByIban,
  partyNames,
  updateParty,
} from './service.ts';

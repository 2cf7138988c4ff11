// The shapes live in src/shared so the web app's forms validate with the very same schemas.
export { CreatePartyInput, Party, PartyKind, UpdatePartyInput } from '../../shared/crm/party.ts';

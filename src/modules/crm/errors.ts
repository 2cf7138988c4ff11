import { defineErrors } from '../../platform/errors.ts';

export const CrmErrors = defineErrors('crm', {
  party_not_found: { status: 404, title: 'No such party' },
  party_tax_id_taken: { status: 409, title: 'Another party has this tax id' },
  party_role_required: { status: 422, title: 'A party must be a customer, a supplier or both' },
  bank_account_invalid: { status: 422, title: 'The bank account is not valid' },
  endpoint_incomplete: { status: 422, title: 'The electronic address is incomplete' },
});

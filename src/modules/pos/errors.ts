import { defineErrors } from '../../platform/errors.ts';

export const PosErrors = defineErrors('pos', {
  register_not_found: { status: 404, title: 'No such register' },
  register_code_taken: { status: 409, title: 'Another register has this code' },
  shift_not_found: { status: 404, title: 'No such shift' },
  shift_open_already: { status: 409, title: 'The register has an open shift already' },
  shift_closed: { status: 409, title: 'The shift is closed' },
  sale_not_found: { status: 404, title: 'No such sale' },
  item_not_for_sale: { status: 422, title: 'The item cannot be sold' },
  price_changed: { status: 409, title: 'The price changed since the item was scanned' },
  payment_invalid: { status: 422, title: 'The payments do not settle the sale' },
  discount_invalid: { status: 422, title: 'The discount is not valid' },
  return_invalid: { status: 422, title: 'The return does not fit the original sale' },
  customer_required: { status: 422, title: 'Store credit needs the customer' },
  approval_required: { status: 403, title: 'A manager must approve this' },
  approval_refused: { status: 403, title: 'The manager PIN was not accepted' },
  approval_locked: { status: 429, title: 'Too many wrong PINs; the manager PIN is locked for a while' },
  pin_invalid: { status: 422, title: 'A PIN is 4 to 8 digits' },
  recipient_missing: { status: 422, title: 'There is no one to send it to' },
  currency_mismatch: { status: 422, title: 'The item is priced in another currency than the register' },
});

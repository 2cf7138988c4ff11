import { defineErrors } from '../../platform/errors.ts';

export const SalesErrors = defineErrors('sales', {
  order_not_found: { status: 404, title: 'No such quotation or order' },
  not_a_quotation: { status: 409, title: 'Only a quotation can be changed or confirmed' },
  not_confirmed: { status: 409, title: 'The order is not confirmed' },
  item_not_for_sale: { status: 422, title: 'The item cannot be sold' },
  customer_invalid: { status: 422, title: 'The party is not a customer' },
  credit_limit_exceeded: { status: 409, title: 'The order would take the customer over their credit limit' },
  delivery_invalid: { status: 422, title: 'The delivery does not fit the order' },
  nothing_to_deliver: { status: 409, title: 'Nothing is left to deliver' },
  return_invalid: { status: 422, title: 'The return does not fit what was delivered' },
  recipient_missing: { status: 422, title: 'There is no one to send it to' },
  nothing_to_invoice: { status: 409, title: 'Nothing is left to invoice' },
  currency_mismatch: { status: 422, title: 'The item is priced in another currency' },
  warehouse_not_found: { status: 404, title: 'No such warehouse' },
});

import { defineErrors } from '../../platform/errors.ts';

export const InventoryErrors = defineErrors('inventory', {
  insufficient_stock: { status: 409, title: 'Not enough stock' },
  warehouse_not_found: { status: 404, title: 'No such warehouse' },
  location_not_found: { status: 404, title: 'No such location' },
  move_not_found: { status: 404, title: 'No such stock move' },
  reservation_not_found: { status: 404, title: 'No such reservation' },
  variant_not_found: { status: 404, title: 'No such product variant' },
  not_stocked: { status: 422, title: 'Services are not kept in stock' },
  location_not_internal: { status: 422, title: 'Stock is kept and reserved in internal locations only' },
  already_reversed: { status: 409, title: 'This move was reversed already' },
  reservation_released: { status: 409, title: 'This reservation was released already' },
  unit_cost_not_applicable: {
    status: 422,
    title: 'A unit cost is given only on a receipt into stock (from a supplier, production or a gain)',
  },
  receipt_consumed: {
    status: 409,
    title: 'Goods of this receipt have left stock already; return them with a new move instead',
  },
  value_out_of_range: { status: 422, title: 'The value of this move is beyond what can be recorded' },
  warehouse_code_taken: { status: 409, title: 'Another warehouse has this code' },
});

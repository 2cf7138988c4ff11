// The sales module's public face: other modules import only from here.
export type { SalesOrder } from './contracts.ts';
export { OrderCancelled, OrderConfirmed, OrderDelivered, OrderInvoiced, OrderReturned } from './events.ts';

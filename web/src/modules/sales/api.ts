import { queryOptions } from '@tanstack/react-query';
import { api, idempotencyKey, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';

export type SalesOrder = components['schemas']['SalesOrder'];
export type OrderState = SalesOrder['state'];
export type OrderLine = SalesOrder['lines'][number];
export type Invoice = components['schemas']['Invoice'];
export type QuotationBody =
  paths['/api/v1/sales/orders']['post']['requestBody']['content']['application/json'];
export type LineQuantity = { lineNo: number; quantity: string };

export const ORDER_STATES: readonly OrderState[] = ['quotation', 'confirmed', 'done', 'cancelled'];

// Query keys start with the aggregate type, so the live stream refreshes them when orders or
// invoices change anywhere.
export const orderKeys = {
  all: ['sales.order'] as const,
  list: (filters: { state?: OrderState | undefined; customerId?: string | undefined }) =>
    ['sales.order', 'list', filters] as const,
  one: (id: string) => ['sales.order', 'one', id] as const,
};
export const invoiceKeys = {
  one: (id: string) => ['accounting.invoice', 'one', id] as const,
  ofPartner: (partnerId: string) => ['accounting.invoice', 'partner', partnerId] as const,
};

/** The route answers the newest orders (up to 200), without cursor pages. */
export function listOrders(
  filters: { state?: OrderState | undefined; customerId?: string | undefined },
  limit = 200,
) {
  return unwrap(api.GET('/api/v1/sales/orders', { params: { query: { ...filters, limit } } }));
}

export const orderQuery = (id: string) =>
  queryOptions({
    queryKey: orderKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/sales/orders/{id}', { params: { path: { id } } })),
  });

const once = () => ({ 'idempotency-key': idempotencyKey() });
const onOrder = (id: string) => ({ params: { path: { id } }, headers: once() });

export function createQuotation(body: QuotationBody) {
  return unwrap(api.POST('/api/v1/sales/orders', { body, headers: once() }));
}

export const orderActions = {
  confirm: (id: string) => unwrap(api.POST('/api/v1/sales/orders/{id}/confirm', onOrder(id))),
  invoice: (id: string) => unwrap(api.POST('/api/v1/sales/orders/{id}/invoices', onOrder(id))),
  cancel: (id: string) => unwrap(api.POST('/api/v1/sales/orders/{id}/cancel', onOrder(id))),
  deliver: (id: string, lines?: LineQuantity[]) =>
    unwrap(
      api.POST('/api/v1/sales/orders/{id}/deliveries', { ...onOrder(id), body: lines ? { lines } : {} }),
    ),
  returnGoods: (id: string, lines: LineQuantity[], reason: string) =>
    unwrap(api.POST('/api/v1/sales/orders/{id}/returns', { ...onOrder(id), body: { lines, reason } })),
  send: (id: string, to?: string) =>
    unwrap(api.POST('/api/v1/sales/orders/{id}/send', { ...onOrder(id), body: to ? { to } : {} })),
};

export function deliverySlipHtml(deliveryId: string) {
  return unwrap(
    api.GET('/api/v1/sales/deliveries/{id}/slip', { params: { path: { id: deliveryId } }, parseAs: 'text' }),
  ) as Promise<string>;
}

/** The quotation or confirmation PDF, saved as a download (a plain link would carry no credential). */
export async function downloadOrderPdf(order: SalesOrder) {
  const pdf = (await unwrap(
    api.GET('/api/v1/sales/orders/{id}/pdf', { params: { path: { id: order.id } }, parseAs: 'blob' }),
  )) as Blob;
  const url = URL.createObjectURL(pdf);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${order.number.replaceAll('/', '-')}.pdf`;
  link.click();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const warehousesQuery = queryOptions({
  queryKey: ['inventory.warehouse', 'all'],
  queryFn: () => unwrap(api.GET('/api/v1/inventory/warehouses')),
  staleTime: 5 * 60_000,
});

export function searchVariants(q: string) {
  return unwrap(api.GET('/api/v1/catalog/search', { params: { query: { q, limit: 20 } } }));
}

export const invoiceQuery = (id: string) =>
  queryOptions({
    queryKey: invoiceKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/accounting/invoices/{id}', { params: { path: { id } } })),
    retry: false,
  });

export function listPartnerInvoices(partnerId: string) {
  return unwrap(
    api.GET('/api/v1/accounting/invoices', {
      params: { query: { partnerId, limit: 200, sort: '-createdAt' } },
    }),
  );
}

export function agedReceivables(asOf: string) {
  return unwrap(
    api.GET('/api/v1/accounting/reports/aged-balance', { params: { query: { kind: 'receivable', asOf } } }),
  );
}

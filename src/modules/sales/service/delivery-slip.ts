import { Decimal } from 'decimal.js';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import { escapeHtml } from '../../../shared/html.ts';
import { accountingSettings } from '../../accounting/index.ts';
import { getParty } from '../../crm/index.ts';
import { SalesErrors } from '../errors.ts';
import { salesDeliveries, salesDeliveryLines } from '../schema.ts';
import { orderLines, orderRow } from './orders.ts';

const plain = (value: Decimal.Value) => new Decimal(value).toString();
const joined = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(', ');

/**
 * A delivery slip as printable A4 HTML: what left in this delivery, without prices, and what is
 * still to come (the backorder) so the customer can check the parcel against it.
 */
export async function deliverySlipHtml(db: Executor, companyId: string, deliveryId: string): Promise<string> {
  const [delivery] = await db
    .select()
    .from(salesDeliveries)
    .where(and(eq(salesDeliveries.companyId, companyId), eq(salesDeliveries.id, deliveryId)));
  if (!delivery) throw SalesErrors.order_not_found(`no delivery has the id ${deliveryId}`);
  const order = await orderRow(db, companyId, delivery.orderId);
  const lines = await orderLines(db, companyId, order.id);
  const shipped = await db
    .select()
    .from(salesDeliveryLines)
    .where(and(eq(salesDeliveryLines.companyId, companyId), eq(salesDeliveryLines.deliveryId, deliveryId)))
    .orderBy(asc(salesDeliveryLines.lineNo));
  const customer = await getParty(db, companyId, order.customerId);
  const us = await accountingSettings(db, companyId);
  const address = customer.address;
  const rows = shipped
    .map((s) => {
      const line = lines.find((l) => l.lineNo === s.lineNo)!;
      const left = new Decimal(line.quantity).minus(line.quantityDelivered);
      return `<tr><td>${escapeHtml(line.sku ?? '')}</td><td>${escapeHtml(line.description)}</td><td class="r">${plain(line.quantity)}</td><td class="r"><strong>${plain(s.quantity)}</strong></td><td class="r">${left.gt(0) ? plain(left) : ''}</td></tr>`;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Delivery slip ${escapeHtml(delivery.number)}</title>
<style>@page{size:A4;margin:18mm}body{font:11pt/1.4 system-ui,sans-serif;color:#111;max-width:180mm;margin:0 auto}
h1{font-size:16pt;margin:0 0 4mm}.parties{display:flex;justify-content:space-between;gap:10mm;margin-bottom:6mm}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:1.5mm 2mm;border-bottom:1px solid #ccc}
th{font-size:9pt;text-transform:uppercase;color:#555}.r{text-align:right}.sign{margin-top:16mm;display:flex;gap:20mm}
.sign div{flex:1;border-top:1px solid #000;padding-top:1mm;font-size:9pt}</style></head><body>
<h1>Delivery slip ${escapeHtml(delivery.number)}</h1>
<div class="parties"><div><strong>${escapeHtml(us.legalName ?? '')}</strong><br>${escapeHtml(joined(us.street, joined(us.postalCode, us.city)))}</div>
<div><strong>Deliver to</strong><br>${escapeHtml(customer.name)}<br>${escapeHtml(joined(address?.street, address?.street2, joined(address?.postalCode, address?.city), address?.countryCode))}</div></div>
<p>Order ${escapeHtml(order.number)}${order.customerReference ? ` · Your reference ${escapeHtml(order.customerReference)}` : ''} · Shipped ${delivery.deliveredAt.toISOString().slice(0, 10)}</p>
<table><thead><tr><th>SKU</th><th>Item</th><th class="r">Ordered</th><th class="r">In this delivery</th><th class="r">To follow</th></tr></thead><tbody>${rows}</tbody></table>
<div class="sign"><div>Received in good order (date, signature)</div><div>Packed by</div></div></body></html>`;
}

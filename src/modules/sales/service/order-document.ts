import { Decimal } from 'decimal.js';
import type { Executor } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import { renderSalesDocumentPdf } from '../../accounting/index.ts';
import { getParty } from '../../crm/index.ts';
import type { SendOrderInput } from '../contracts.ts';
import { SalesErrors } from '../errors.ts';
import { orderLines, orderRow } from './orders.ts';

export type OrderPdf = { filename: string; title: string; number: string; pdf: Buffer };

/** A quotation prints as a quotation; a confirmed (or delivered) order as its confirmation. */
export async function orderPdf(
  db: Executor,
  companyId: string,
  orderId: string,
  options: { locale?: string } = {},
): Promise<OrderPdf> {
  const order = await orderRow(db, companyId, orderId);
  if (order.state === 'cancelled') throw SalesErrors.not_confirmed(`${order.number} is cancelled`);
  const title = order.state === 'quotation' ? 'Quotation' : 'Order confirmation';
  const lines = await orderLines(db, companyId, orderId);
  const pdf = await renderSalesDocumentPdf(
    db,
    companyId,
    {
      title,
      number: order.number,
      date: order.orderDate,
      validUntil: order.state === 'quotation' ? order.validUntil : null,
      partnerId: order.customerId,
      currencyCode: order.currencyCode,
      customerReference: order.customerReference,
      note: order.note,
      paymentTermDays: order.paymentTermDays,
      lines: lines.map((line) => ({
        description: line.description,
        sku: line.sku,
        quantity: line.quantity,
        unitCode: line.unitCode,
        unitPrice: line.unitPrice,
        discountPercent: new Decimal(line.discountPercent).toString(),
        taxIds: line.taxIds,
      })),
    },
    options,
  );
  const filename = `${title} ${order.number}.pdf`.replace(/[/\\]/g, '-');
  return { filename, title, number: order.number, pdf };
}

/**
 * Mails the quotation or order confirmation as a PDF to the customer (or to the address given),
 * queued in this transaction and sent through SMTP after it commits.
 */
export async function sendOrder(
  tx: Tx,
  orderId: string,
  input: SendOrderInput,
): Promise<{ to: string; subject: string; filename: string }> {
  const { companyId } = tx.ctx;
  const order = await orderRow(tx.db, companyId, orderId);
  const customer = await getParty(tx.db, companyId, order.customerId);
  const to = input.to ?? customer.email;
  if (!to) throw SalesErrors.recipient_missing(`${customer.name} has no email address; give one`);
  const document = await orderPdf(tx.db, companyId, orderId);
  const subject = `${document.title} ${document.number}`;
  const text = [
    input.message ??
      `Dear ${customer.name},\n\nplease find attached our ${document.title.toLowerCase()} ${document.number}.`,
    '',
    'Kind regards',
  ].join('\n');
  await enqueueMail(tx.db, {
    to,
    subject,
    text,
    attachments: [{ filename: document.filename, contentType: 'application/pdf', content: document.pdf }],
  });
  tx.audit('sales.order', orderId, 'send', { sentTo: { old: null, new: to } });
  return { to, subject, filename: document.filename };
}

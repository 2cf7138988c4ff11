import type { Executor } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import { accountingSettings } from '../../accounting/index.ts';
import { getParty } from '../../crm/index.ts';
import type { Sale } from '../contracts.ts';
import { PosErrors } from '../errors.ts';
import { receiptHtml } from './receipt.ts';
import { getRegister } from './registers.ts';
import { getSale } from './sales.ts';

/** A sale's receipt with the shop's details, as printed at the till and reprinted later. */
export async function saleReceipt(db: Executor, companyId: string, saleId: string) {
  const sale = await getSale(db, companyId, saleId);
  const register = await getRegister(db, companyId, sale.registerId);
  const settings = await accountingSettings(db, companyId);
  const address = [settings.street, [settings.postalCode, settings.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  const shop = settings.legalName ?? register.name;
  const html = receiptHtml(sale, {
    name: shop,
    vatId: settings.vatId,
    address: address || null,
    register: register.name,
  });
  return { sale, shop, html };
}

// The plain-text part of the mail, for readers that do not show HTML.
function receiptText(sale: Sale, shop: string): string {
  const lines = sale.lines.map((l) => `${l.quantity} × ${l.description}: ${l.total}`);
  return [
    `${shop} — ${sale.kind === 'return' ? 'Refund' : 'Receipt'} ${sale.receiptNumber}`,
    `${sale.soldAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    ...lines,
    '',
    `Total ${sale.total} ${sale.currencyCode}`,
  ].join('\n');
}

/** Mails the receipt (HTML, with a text part) to the address given or the sale's customer. */
export async function mailReceipt(
  tx: Tx,
  saleId: string,
  input: { to?: string | undefined },
): Promise<{ to: string; subject: string }> {
  const { companyId } = tx.ctx;
  const { sale, shop, html } = await saleReceipt(tx.db, companyId, saleId);
  const customerEmail = sale.customerId ? (await getParty(tx.db, companyId, sale.customerId)).email : null;
  const to = input.to ?? customerEmail;
  if (!to) throw PosErrors.recipient_missing('the sale has no customer with an email address; give one');
  const subject = `${sale.kind === 'return' ? 'Refund' : 'Receipt'} ${sale.receiptNumber} from ${shop}`;
  await enqueueMail(tx.db, { to, subject, text: receiptText(sale, shop), html });
  tx.audit('pos.sale', sale.id, 'mail_receipt', { sentTo: { old: null, new: to } });
  return { to, subject };
}

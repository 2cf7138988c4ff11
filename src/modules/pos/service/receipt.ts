import { Decimal } from 'decimal.js';
import { escapeHtml } from '../../../shared/html.ts';
import { CURRENCY_DECIMALS } from '../../../shared/money.ts';
import type { Sale } from '../contracts.ts';

const METHOD = { cash: 'Cash', card: 'Card', store_credit: 'Store credit' } as Record<string, string>;

// A unit price as the shelf shows it: the currency's decimals at least (5.20, not 5.2), more if it has them.
function unitPrice(value: string, currency: string): string {
  const price = new Decimal(value);
  return price.toFixed(Math.max(CURRENCY_DECIMALS[currency] ?? 2, price.decimalPlaces()));
}

/** A receipt as printable HTML sized for 80 mm thermal paper (72 mm printable). */
export function receiptHtml(
  sale: Sale,
  shop: { name: string; vatId: string | null; address: string | null; register: string },
): string {
  const row = (left: string, right: string, strong = false) =>
    `<tr${strong ? ' class="strong"' : ''}><td>${escapeHtml(left)}</td><td class="r">${escapeHtml(right)}</td></tr>`;
  const lines = sale.lines
    .map((l) => {
      const detail = `${l.quantity} × ${unitPrice(l.unitPrice, sale.currencyCode)}${l.discountPercent !== '0' ? ` −${l.discountPercent} %` : ''}`;
      return `${row(l.description, l.total)}<tr class="small"><td colspan="2">${escapeHtml(detail)}${l.sku ? ` · ${escapeHtml(l.sku)}` : ''}</td></tr>`;
    })
    .join('');
  const taxes = sale.taxes.map((t) => row(`VAT ${t.ratePercent ?? ''} % on ${t.base}`, t.tax)).join('');
  const payments = sale.payments.map((p) => row(METHOD[p.method] ?? p.method, p.amount)).join('');
  const title = sale.kind === 'return' ? 'Refund' : 'Receipt';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} ${escapeHtml(sale.receiptNumber)}</title>
<style>@page{size:80mm auto;margin:4mm}body{width:72mm;margin:0 auto;font:12px/1.35 ui-monospace,monospace;color:#000}
h1{font-size:14px;text-align:center;margin:0 0 2mm}p{margin:0;text-align:center}table{width:100%;border-collapse:collapse;margin-top:2mm}
td{vertical-align:top;padding:0}.r{text-align:right;white-space:nowrap}.small td{font-size:10px;padding-bottom:1mm}
.strong td{font-weight:bold;border-top:1px dashed #000;padding-top:1mm}</style></head><body>
<h1>${escapeHtml(shop.name)}</h1>${shop.address ? `<p>${escapeHtml(shop.address)}</p>` : ''}${shop.vatId ? `<p>VAT ${escapeHtml(shop.vatId)}</p>` : ''}
<p>${title} ${escapeHtml(sale.receiptNumber)} · ${escapeHtml(shop.register)}</p><p>${escapeHtml(sale.soldAt.slice(0, 16).replace('T', ' '))} UTC</p>
<table>${lines}${row('Total', `${sale.total} ${sale.currencyCode}`, true)}${sale.rounding !== '0.00' && sale.rounding !== '0' ? row('Rounding', sale.rounding) : ''}${payments}${sale.change !== '0.00' && sale.change !== '0' ? row('Change', sale.change) : ''}</table>
<table>${taxes}</table><p style="margin-top:3mm">Thank you!</p></body></html>`;
}

import { describe, expect, it } from 'vitest';
import { buyer, creditNote, EXEMPTION_REASON, invoice, longInvoice } from './invoice-document.fixtures.ts';
import type { InvoiceDocument } from './invoice-document.ts';
import { readPdf, spaced } from './read-pdf.test-support.ts';
import { renderInvoicePdf } from './render-invoice-pdf.ts';

// The smallest valid PNG: one transparent pixel.
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('renderInvoicePdf', () => {
  it('prints the number, both parties, every line and the VAT breakdown of an invoice', async () => {
    const { all, pages } = await readPdf(await renderInvoicePdf(invoice));
    expect(pages[0]).toContain('Invoice No. INV-2026-0042');
    for (const party of [invoice.seller, invoice.buyer]) {
      expect(all).toContain(party.name);
      expect(all).toContain(`VAT ID: ${party.vatId}`);
      expect(all).toContain(`Company ID: ${party.legalId!.id}`);
    }
    expect(all).toContain(
      'Issue date Mar 2, 2026 Due date Apr 1, 2026 Delivery date Feb 27, 2026 ' +
        'Order reference SO-2026-0193 Your reference DUP-PO-7781',
    );
    for (const line of invoice.lines) expect(all).toContain(line.name);
    expect(all).toContain(spaced(invoice.lines[0]!.description!));
    expect(all).toContain('12 h €95.00 20% €1,140.00');
    expect(all).toContain(
      'SKU: CHR-ERG-01 Discount: Volume discount 10 % 4 pcs €289.00 €115.60 20% €1,040.40',
    );
    expect(all).toContain('3 €42.50 5.5% €127.50');
    expect(all).toContain('Staff training: bookkeeping basics 1 €600.00 0% (E) €600.00');
    expect(all).toContain('Standard rate (S) 20% €2,180.40 €436.08');
    expect(all).toContain('Standard rate (S) 5.5% €127.50 €7.01');
    expect(all).toContain(`Exempt from VAT (E) 0% €600.00 €0.00 ${EXEMPTION_REASON} (VATEX-`);
  });

  it('prints the totals, what is due, and how to pay it', async () => {
    const { all } = await readPdf(await renderInvoicePdf(invoice));
    expect(all).toContain('Total excl. VAT €2,907.90 VAT €443.09 Total incl. VAT €3,350.99');
    expect(all).toContain('Paid -€500.00 Amount due €2,850.99');
    expect(all).toContain('Method SEPA credit transfer');
    expect(all).toContain('Account holder Atelier Numérique SAS');
    expect(all).toContain('IBAN FR76 3000 6000 0112 3456 7890 189');
    expect(all).toContain('BIC AGRIFRPPXXX');
    expect(all).toContain('Reference to quote RF18 5390 0754 7034');
    expect(all).toContain('Terms 30 days net');
    expect(all).toContain(`Notes ${spaced(invoice.note!)}`);
  });

  it('lists document-level discounts and charges between the subtotal and the total excl. VAT', async () => {
    const adjusted: InvoiceDocument = {
      ...invoice,
      allowances: [
        {
          amount: '50.00',
          reason: 'Loyalty discount',
          reasonCode: '95',
          vat: { category: 'S', ratePercent: '20.00' },
        },
      ],
      charges: [
        {
          amount: '15.00',
          reason: 'Shipping',
          reasonCode: 'FC',
          vat: { category: 'S', ratePercent: '20.00' },
        },
      ],
      totals: { ...invoice.totals, allowances: '50.00', charges: '15.00', taxExclusive: '2872.90' },
    };
    const { all } = await readPdf(await renderInvoicePdf(adjusted));
    expect(all).toContain(
      'Subtotal €2,907.90 Discount: Loyalty discount -€50.00 Charge: Shipping €15.00 Total excl. VAT €2,872.90',
    );
  });

  it('spreads 120 lines over several pages, each with the table header and "Page n of m"', async () => {
    const long = longInvoice(120);
    const { totalPages, pages, all } = await readPdf(await renderInvoicePdf(long));
    expect(totalPages).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${totalPages}`);
      if (index > 0) expect(page).toContain('Invoice INV-2026-0100');
    });
    const items = pages.map((page) => [...page.matchAll(/Item (\d{3})/g)].map((match) => Number(match[1])));
    // Every line exactly once, in order, and every page that carries lines starts with the header.
    expect(items.flat()).toEqual(Array.from({ length: 120 }, (_, index) => index + 1));
    items.forEach((onPage, index) => {
      if (onPage.length > 0)
        expect(count(pages[index]!, 'Description Quantity Unit price Discount VAT Amount')).toBe(1);
    });
    expect(items.filter((onPage) => onPage.length > 0).length).toBeGreaterThanOrEqual(3);
    for (const line of long.lines) expect(count(all, `${line.name} `)).toBe(1);
    expect(long.totals.payable).toBe('1527.12');
    expect(all).toContain('Amount due €1,527.12');
  });

  it('titles a credit note so and names the invoice it corrects', async () => {
    const { all, pages } = await readPdf(await renderInvoicePdf(creditNote));
    expect(pages[0]).toContain('Credit note No. CN-2026-0007');
    expect(all).toContain('Corrects invoice INV-2026-0042 of Mar 2, 2026');
    expect(all).toContain('Amount credited €312.12');
    expect(all).not.toContain('Amount due');
  });

  it('formats amounts and dates the French way when asked for fr-FR', async () => {
    const { all } = await readPdf(await renderInvoicePdf(invoice, { locale: 'fr-FR' }));
    const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    // Intl separates thousands with a narrow no-break space and puts a no-break space before €;
    // the PDF prints both as no-break spaces, which text extraction gives back as spaces.
    expect(euros.format(2850.99)).toBe('2\u202f850,99\u00a0€');
    expect(all).toContain('Amount due 2 850,99 €');
    expect(all).toContain('12 h 95,00 € 20 % 1 140,00 €');
    expect(all).toContain('3 42,50 € 5,5 % 127,50 €');
    expect(all).toContain('Paid -500,00 €');
    expect(all).toContain('Issue date 2 mars 2026 Due date 1 avr. 2026 Delivery date 27 févr. 2026');
  });

  it('prints a name outside WinAnsi without failing: accents dropped, other characters as "?"', async () => {
    const foreign: InvoiceDocument = {
      ...invoice,
      buyer: { ...buyer, name: 'Łódź Ξενοδοχείο 東京 🚀 Sp. z o.o.', tradingName: null },
    };
    const { all } = await readPdf(await renderInvoicePdf(foreign));
    expect(all).toContain('Lódz ?????????? ?? ? Sp. z o.o.');
  });

  it('gives the same bytes for the same document, dated by its issue date', async () => {
    const first = await renderInvoicePdf(invoice, { logo: PIXEL_PNG });
    const second = await renderInvoicePdf(structuredClone(invoice), { logo: Buffer.from(PIXEL_PNG) });
    expect(first.equals(second)).toBe(true);
    const { info } = await readPdf(first);
    expect(info.CreationDate).toBe('D:20260302000000Z');
    expect(info.Title).toBe('Invoice INV-2026-0042');
    const later = await renderInvoicePdf({ ...invoice, issueDate: '2026-03-03' }, { logo: PIXEL_PNG });
    expect(later.equals(first)).toBe(false);
  });

  it('takes a title, a footer and labels from the caller', async () => {
    const pdf = await renderInvoicePdf(invoice, {
      title: 'Tax invoice',
      footer: 'Registered in Lyon, share capital €10,000',
      labels: { amountDue: 'Balance due', page: 'Sheet {page}/{pages}', units: { HUR: 'hours' } },
    });
    const { all, pages } = await readPdf(pdf);
    expect(pages[0]).toContain('Tax invoice No. INV-2026-0042');
    expect(all).toContain('Registered in Lyon, share capital €10,000');
    expect(all).not.toContain('factures@atelier-numerique.fr ·');
    expect(all).toContain('Balance due €2,850.99');
    expect(all).toContain('Sheet 1/2');
    expect(all).toContain('12 hours €95.00');
    expect(all).toContain('4 pcs €289.00');
    const bare = await readPdf(await renderInvoicePdf(invoice, { footer: null }));
    expect(bare.all).not.toContain('Company ID 30326504500017');
  });

  it('prints a PNG logo and refuses a logo that is not an image', async () => {
    const { all } = await readPdf(await renderInvoicePdf(invoice, { logo: PIXEL_PNG }));
    expect(all).toContain('Invoice No. INV-2026-0042');
    await expect(renderInvoicePdf(invoice, { logo: Buffer.from('<svg/>') })).rejects.toThrow(RangeError);
  });
});

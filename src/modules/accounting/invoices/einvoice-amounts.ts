// Whether a draft bill books exactly what its e-invoice states: each line's net, the VAT of each
// category and rate, and the totals BT-106 to BT-115.

import type { FieldError } from '../../../platform/errors.ts';
import type { InvoiceDocument } from '../documents/invoice-document.ts';
import type { ComputedLines } from './draft-lines.ts';
import { exactMinor } from './einvoice-lines.ts';

export type ImportedAmounts = { prepaidMinor: number | null; roundingMinor: number | null };

function totalsDiffer(
  doc: InvoiceDocument,
  computed: ComputedLines,
  amounts: ImportedAmounts,
  add: (term: string, stated: number, booked: number) => void,
): void {
  const minor = (amount: string | null, term: string) =>
    amount === null ? 0 : exactMinor(amount, doc.currency, term);
  const sumOf = (kind: string) =>
    computed.rows.filter((row) => row.kind === kind).reduce((sum, row) => sum + row.netMinor, 0);
  const { totals } = doc;
  const payableMinor =
    computed.totals.totalMinor - (amounts.prepaidMinor ?? 0) + (amounts.roundingMinor ?? 0);
  add('BT-106', minor(totals.lineNet, 'BT-106'), sumOf('item'));
  add('BT-107', minor(totals.allowances, 'BT-107'), -sumOf('allowance'));
  add('BT-108', minor(totals.charges, 'BT-108'), sumOf('charge'));
  add('BT-109', minor(totals.taxExclusive, 'BT-109'), computed.totals.netMinor);
  add('BT-110', minor(totals.vat, 'BT-110'), computed.totals.taxMinor);
  add('BT-112', minor(totals.taxInclusive, 'BT-112'), computed.totals.totalMinor);
  add('BT-115', minor(totals.payable, 'BT-115'), payableMinor);
}

/**
 * The amounts where the computed draft and the document part ways, as field errors (`code` is
 * the business term); empty when the bill books the document exactly. `taxIdOf` gives the
 * purchase tax each VAT breakdown row was mapped to.
 */
export function amountDifferences(
  doc: InvoiceDocument,
  computed: ComputedLines,
  amounts: ImportedAmounts,
  taxIdOf: (row: InvoiceDocument['vatBreakdown'][number]) => string,
): FieldError[] {
  const differences: FieldError[] = [];
  const add = (term: string, stated: number, booked: number, path = 'totals') => {
    if (stated !== booked)
      differences.push({
        path,
        code: term,
        message: `${term}: the document states ${stated}, the bill would book ${booked} (minor units)`,
      });
  };
  doc.lines.forEach((line, index) => {
    add(
      'BT-131',
      exactMinor(line.netAmount, doc.currency, 'BT-131'),
      computed.rows[index]!.netMinor,
      `lines.${index}`,
    );
  });
  doc.vatBreakdown.forEach((row, index) => {
    const tax = computed.taxRows.find((entry) => entry.taxId === taxIdOf(row));
    add('BT-116', exactMinor(row.taxableAmount, doc.currency, 'BT-116'), tax?.baseMinor ?? 0, `vat.${index}`);
    add('BT-117', exactMinor(row.taxAmount, doc.currency, 'BT-117'), tax?.amountMinor ?? 0, `vat.${index}`);
  });
  if (computed.taxRows.length !== doc.vatBreakdown.length)
    add('BG-23', doc.vatBreakdown.length, computed.taxRows.length, 'vat');
  totalsDiffer(doc, computed, amounts, add);
  return differences;
}

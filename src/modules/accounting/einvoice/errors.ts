// The e-invoice's error codes, in the accounting module's namespace: reading and validating UBL,
// exporting our invoices and importing suppliers' ones.

import { defineErrors } from '../../../platform/errors.ts';

export const EinvoiceErrors = defineErrors('accounting', {
  einvoice_not_ubl: { status: 422, title: 'The file is not a UBL 2.1 Invoice or CreditNote' },
  einvoice_field_missing: { status: 422, title: 'The e-invoice lacks a field EN 16931 requires' },
  einvoice_value_invalid: { status: 422, title: 'The e-invoice holds a value that cannot be read' },
  einvoice_rules_not_configured: { status: 500, title: 'The validation rules asked for are not configured' },
  einvoice_not_exportable: {
    status: 409,
    title: 'Only posted customer invoices and credit notes are sent as e-invoices',
  },
  einvoice_incomplete: {
    status: 422,
    title: 'The invoice lacks what an EN 16931 e-invoice must hold; errors name the business terms',
  },
  einvoice_invalid: {
    status: 422,
    title: 'The e-invoice breaks the EN 16931 or Peppol rules; errors name each broken rule',
  },
  einvoice_tax_unmapped: {
    status: 422,
    title: 'No purchase tax of the company has this VAT category and rate',
  },
  einvoice_duplicate: { status: 409, title: 'This e-invoice was imported already' },
  einvoice_amounts_unmatched: {
    status: 422,
    title: 'The bill would not book the amounts the e-invoice states',
  },
});

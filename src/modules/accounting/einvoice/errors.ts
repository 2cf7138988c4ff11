// The e-invoice's error codes. They belong to the accounting module; this file holds them until
// accounting has an errors.ts of its own.

import { defineErrors } from '../../../platform/errors.ts';

export const EinvoiceErrors = defineErrors('accounting', {
  einvoice_not_ubl: { status: 422, title: 'The file is not a UBL 2.1 Invoice or CreditNote' },
  einvoice_field_missing: { status: 422, title: 'The e-invoice lacks a field EN 16931 requires' },
  einvoice_value_invalid: { status: 422, title: 'The e-invoice holds a value that cannot be read' },
  einvoice_rules_not_configured: { status: 500, title: 'The validation rules asked for are not configured' },
});

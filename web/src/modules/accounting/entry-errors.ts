import { fieldErrorsOf, ProblemError } from '../../api/problem';
import type { MessageKey } from '../../i18n/en';
import { t } from '../../i18n/i18n';

// Refusals about the date carry no errors[] (the whole entry is refused); they belong beside it.
const DATE_REFUSALS: Partial<Record<string, MessageKey>> = {
  'accounting.period_locked': 'entryError.periodLocked',
  'accounting.no_fiscal_year': 'entryError.noFiscalYear',
  'accounting.fiscal_year_closed': 'entryError.fiscalYearClosed',
};

/** The field errors of a refused posting or reversal, keyed by the body's path (`lines.1.partnerId`). */
export function entryErrorsOf(error: unknown): Record<string, string> {
  const fields = fieldErrorsOf(error);
  if (error instanceof ProblemError) {
    const key = DATE_REFUSALS[error.code];
    if (key) fields.date = t(key);
    if (error.code === 'accounting.journal_not_found') fields.journalId = error.message;
  }
  return fields;
}

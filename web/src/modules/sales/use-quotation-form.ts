import { CreateQuotationInput } from '@shared/sales/quotation.ts';
import { type FormEvent, useRef, useState } from 'react';
import type { z } from 'zod';
import { fieldErrorsOf, isProblem } from '../../api/problem';
import { t } from '../../i18n/i18n';
import type { SalesOrder } from './api';
import {
  blankLine,
  type DraftLine,
  errorsByLine,
  lineOfDetail,
  type QuotationHeader,
  quotationRequest,
} from './quotation-draft';

const EMPTY_HEADER: QuotationHeader = {
  customerId: null,
  warehouseId: null,
  invoicePolicy: 'delivery',
  customerReference: '',
  validUntil: '',
  note: '',
};

function issuesByPath(error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.');
    // An empty id is a choice not made yet.
    const missing = issue.code === 'invalid_format' && issue.format === 'uuid';
    const noLines = path === 'lines' && issue.code === 'too_small';
    const message = missing ? t('form.required') : noLines ? t('sales.form.noLines') : issue.message;
    if (!(path in result)) result[path] = message;
  }
  return result;
}

// Refusals that name a line in their detail, or concern the customer or warehouse as a whole.
function refusalErrors(error: unknown): Record<string, string> {
  const fields = fieldErrorsOf(error);
  if (!isProblem(error)) return fields;
  const line = lineOfDetail(error.problem.detail);
  if (line) fields[`lines.${line.index}.variantId`] = line.message;
  if (error.code === 'sales.customer_invalid') fields.customerId = error.message;
  if (error.code === 'sales.warehouse_not_found') fields.warehouseId = error.message;
  return fields;
}

/** The state of a quotation being typed: header, lines by stable key, errors beside each field. */
export function useQuotationForm(save: (body: CreateQuotationInput) => Promise<SalesOrder>) {
  const [header, setHeader] = useState(EMPTY_HEADER);
  const [lines, setLines] = useState<DraftLine[]>(() => [blankLine()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const leavingAllowed = useRef(false);

  const clear = (...paths: string[]) =>
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([k]) => !paths.includes(k))));

  function setField<K extends keyof QuotationHeader>(field: K, value: QuotationHeader[K]) {
    setHeader((current) => ({ ...current, [field]: value }));
    setDirty(true);
    clear(field);
  }
  /** A value the form chose by itself (the only warehouse): not an edit to guard. */
  function preset<K extends keyof QuotationHeader>(field: K, value: QuotationHeader[K]) {
    setHeader((current) => ({ ...current, [field]: value }));
  }
  function updateLine(key: string, patch: Partial<Omit<DraftLine, 'key'>>) {
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...patch } : line)));
    setDirty(true);
    clear('lines', ...Object.keys(patch).map((field) => `lines.${key}.${field}`));
  }
  function addLine() {
    const line = blankLine();
    setLines((current) => [...current, line]);
    return line.key;
  }
  function removeLine(key: string) {
    setLines((current) => (current.length > 1 ? current.filter((line) => line.key !== key) : current));
  }

  async function submit(event?: FormEvent): Promise<SalesOrder | null> {
    event?.preventDefault();
    setFailure(null);
    const request = quotationRequest(header, lines);
    const parsed = CreateQuotationInput.safeParse(request.body);
    if (!parsed.success) {
      setErrors(errorsByLine(issuesByPath(parsed.error), request.keys));
      return null;
    }
    setSaving(true);
    try {
      const order = await save(parsed.data);
      setErrors({});
      leavingAllowed.current = true;
      return order;
    } catch (error) {
      setErrors(errorsByLine(refusalErrors(error), request.keys));
      setFailure(error);
      return null;
    } finally {
      setSaving(false);
    }
  }

  return {
    header,
    lines,
    errors,
    failure,
    saving,
    dirty,
    leavingAllowed,
    setField,
    preset,
    updateLine,
    addLine,
    removeLine,
    submit,
  };
}
export type QuotationForm = ReturnType<typeof useQuotationForm>;

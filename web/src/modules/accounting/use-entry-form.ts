import { PostEntryRequest } from '@shared/accounting/entry.ts';
import { useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { t } from '../../i18n/i18n';
import type { JournalEntry } from './entries-api';
import { entryErrorsOf } from './entry-errors';
import {
  balancingLine,
  blankLine,
  type EntryHeader,
  entryRequest,
  errorsByLine,
  isBalanced,
  isBlank,
  type LineDraft,
  totalsOf,
} from './entry-lines';

function issuesByPath(error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.');
    const required = issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1;
    if (!(key in result)) result[key] = required ? t('form.required') : issue.message;
  }
  return result;
}

/**
 * The state of a journal entry being typed: its header, its lines (each with a stable key), the
 * live totals, and the errors of a refusal beside the header field or the line they concern.
 */
export function useEntryForm(options: {
  currency: string;
  initialHeader: EntryHeader;
  post: (body: PostEntryRequest) => Promise<JournalEntry>;
}) {
  const { currency } = options;
  const [header, setHeader] = useState(options.initialHeader);
  const [lines, setLines] = useState<LineDraft[]>(() => [blankLine(), blankLine()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [posting, setPosting] = useState(false);
  const leavingAllowed = useRef(false);
  const totals = useMemo(() => totalsOf(lines, currency), [lines, currency]);
  const dirty =
    JSON.stringify(header) !== JSON.stringify(options.initialHeader) || lines.some((line) => !isBlank(line));

  const clear = (...keys: string[]) =>
    setErrors((current) => {
      const next = { ...current };
      for (const key of keys) delete next[key];
      return next;
    });

  function setField<K extends keyof EntryHeader>(field: K, value: EntryHeader[K]) {
    setHeader((current) => ({ ...current, [field]: value }));
    clear(field);
  }

  function updateLine(key: string, patch: Partial<Omit<LineDraft, 'key'>>) {
    setLines((current) =>
      current.map((line) => {
        if (line.key !== key) return line;
        const next = { ...line, ...patch };
        // A line is a debit or a credit: typing one side clears the other.
        if (patch.debit?.trim()) next.credit = '';
        if (patch.credit?.trim()) next.debit = '';
        return next;
      }),
    );
    clear(
      ...Object.keys(patch).map((field) => `lines.${key}.${field}`),
      `lines.${key}.debit`,
      `lines.${key}.credit`,
    );
  }

  /**
   * Moves on from line `key` (or from the last line): to the next line if it is still blank,
   * otherwise to a line added after it, either way carrying what is missing to balance.
   * Answers the key of the line moved to.
   */
  function addLineAfter(key: string | null): string {
    const balancing = balancingLine(lines, currency);
    const at = key === null ? lines.length : lines.findIndex((line) => line.key === key) + 1;
    const next = lines[at];
    if (next && isBlank(next)) {
      setLines((current) =>
        current.map((line) => (line.key === next.key ? { ...balancing, key: next.key } : line)),
      );
      return next.key;
    }
    setLines((current) => [...current.slice(0, at), balancing, ...current.slice(at)]);
    return balancing.key;
  }

  function removeLine(key: string) {
    setLines((current) => (current.length > 1 ? current.filter((line) => line.key !== key) : current));
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([k]) => !k.startsWith(`lines.${key}.`))),
    );
  }

  async function submit(): Promise<JournalEntry | null> {
    setFailure(null);
    const request = entryRequest(header, lines, currency);
    const parsed = PostEntryRequest.safeParse(request.body);
    if (!parsed.success) {
      setErrors(errorsByLine(issuesByPath(parsed.error), request.keys));
      return null;
    }
    setPosting(true);
    try {
      const entry = await options.post(parsed.data);
      setErrors({});
      leavingAllowed.current = true;
      return entry;
    } catch (error) {
      setErrors(errorsByLine(entryErrorsOf(error), request.keys));
      setFailure(error);
      return null;
    } finally {
      setPosting(false);
    }
  }

  return {
    header,
    lines,
    totals,
    balanced: isBalanced(totals),
    errors,
    failure,
    posting,
    dirty,
    leavingAllowed,
    setField,
    updateLine,
    addLineAfter,
    removeLine,
    submit,
  };
}

export type EntryForm = ReturnType<typeof useEntryForm>;

import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { fieldErrorsOf, isProblem } from '../api/problem';
import { t } from '../i18n/i18n';
import { LeaveGuard } from './leave-guard';

type Values = Record<string, unknown>;

export type RecordFormOptions<V extends Values, Body> = {
  /** The record's values as the form shows them; when they change and the form is untouched, it follows. */
  initialValues: V;
  /** The API's own input schema (from src/shared), checked before anything is sent. */
  schema: z.ZodType<Body>;
  /** The request body for these values (e.g. empty text → null). */
  toInput: (values: V) => unknown;
  save: (body: Body) => Promise<unknown>;
  /** The field errors of a refusal; the problem's `errors[].path` unless given. */
  errorsOf?: (error: unknown) => Record<string, string>;
};

export type RecordFormApi<V extends Values> = {
  values: V;
  dirty: boolean;
  saving: boolean;
  errors: Record<string, string>;
  set: <K extends keyof V>(field: K, value: V[K]) => void;
  /** Props for a Mantine input bound to a text field. */
  text: (field: keyof V & string) => {
    value: string;
    onChange: (event: { currentTarget: { value: string } }) => void;
    error: string | undefined;
    name: string;
  };
  check: (field: keyof V & string) => {
    checked: boolean;
    onChange: (event: { currentTarget: { checked: boolean } }) => void;
    error: string | undefined;
    name: string;
  };
  submit: (event?: FormEvent) => Promise<boolean>;
  reset: (values?: V) => void;
  failure: unknown;
  /** Set before a navigation that should not ask about unsaved changes (after a save). */
  allowLeaving: () => void;
  leavingAllowed: { current: boolean };
};

function issuesByField(error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.');
    // An empty required text reads better as "Required" than as zod's length message.
    const required = issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1;
    if (!(key in result)) result[key] = required ? t('form.required') : issue.message;
  }
  return result;
}

/**
 * A record's form state: values, validation with the API's schema, the server's per-field
 * errors (problem+json `errors[].path`), dirty tracking and a saving flag.
 */
export function useRecordForm<V extends Values, Body>(options: RecordFormOptions<V, Body>): RecordFormApi<V> {
  const [baseline, setBaseline] = useState(options.initialValues);
  const [values, setValues] = useState(options.initialValues);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const leavingAllowed = useRef(false);
  const dirty = JSON.stringify(values) !== JSON.stringify(baseline);

  const initialKey = JSON.stringify(options.initialValues);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow new record values by their content
  useEffect(() => {
    if (!dirty) {
      setBaseline(options.initialValues);
      setValues(options.initialValues);
    }
  }, [initialKey]);

  const set = useCallback(<K extends keyof V>(field: K, value: V[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors(({ [field as string]: _gone, ...rest }) => rest);
  }, []);

  const reset = (next: V = options.initialValues) => {
    setBaseline(next);
    setValues(next);
    setErrors({});
    setFailure(null);
  };

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    setFailure(null);
    const parsed = options.schema.safeParse(options.toInput(values));
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error));
      return false;
    }
    setSaving(true);
    try {
      await options.save(parsed.data);
      setErrors({});
      setBaseline(values);
      return true;
    } catch (error) {
      setErrors((options.errorsOf ?? fieldErrorsOf)(error));
      setFailure(error);
      return false;
    } finally {
      setSaving(false);
    }
  }

  return {
    values,
    dirty,
    saving,
    errors,
    failure,
    set,
    reset,
    submit,
    leavingAllowed,
    allowLeaving: () => {
      leavingAllowed.current = true;
    },
    text: (field) => ({
      name: field,
      value: (values[field] as string | null | undefined) ?? '',
      onChange: (e) => set(field, e.currentTarget.value as V[typeof field]),
      error: errors[field],
    }),
    check: (field) => ({
      name: field,
      checked: Boolean(values[field]),
      onChange: (e) => set(field, e.currentTarget.checked as V[typeof field]),
      error: errors[field],
    }),
  };
}

export type RecordFormProps<V extends Values> = {
  form: RecordFormApi<V>;
  children: ReactNode;
  onCancel?: () => void;
  /** Offered when the save met a newer version (409 platform.version_conflict). */
  onReload?: () => Promise<void> | void;
  /** True when the record changed on the server while this form has unsaved edits. */
  changedElsewhere?: boolean;
  /** The submit button's label; "Save" unless given. */
  submitLabel?: string;
};

/** The frame of every record form: messages, save and cancel, and the unsaved-changes guard. */
export function RecordForm<V extends Values>({
  form,
  children,
  onCancel,
  onReload,
  changedElsewhere,
  submitLabel,
}: RecordFormProps<V>) {
  const conflict = isProblem(form.failure, 'platform.version_conflict');
  const fieldCount = Object.keys(form.errors).length;
  const otherFailure = form.failure && !conflict && fieldCount === 0;

  return (
    <form onSubmit={(e) => void form.submit(e)} noValidate aria-describedby="form-messages">
      <Stack maw={640}>
        <div id="form-messages">
          {fieldCount > 0 && (
            <Alert color="red" role="alert" mb="sm">
              {t('form.invalid')}
            </Alert>
          )}
          {conflict && (
            <Alert color="orange" role="alert" mb="sm">
              <Text size="sm">{t('form.conflict')}</Text>
              {onReload && (
                <Button
                  mt="sm"
                  variant="light"
                  onClick={async () => {
                    await onReload();
                  }}
                >
                  {t('form.reload')}
                </Button>
              )}
            </Alert>
          )}
          {changedElsewhere && !conflict && (
            <Alert color="blue" role="status" mb="sm">
              {t('form.changedElsewhere')}
            </Alert>
          )}
          {otherFailure ? (
            <Alert color="red" role="alert" mb="sm">
              {form.failure instanceof Error ? form.failure.message : t('app.error')}
            </Alert>
          ) : null}
        </div>
        {children}
        <Group>
          <Button type="submit" loading={form.saving}>
            {submitLabel ?? t('form.save')}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('form.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
      <LeaveGuard dirty={form.dirty} leavingAllowed={form.leavingAllowed} />
    </form>
  );
}

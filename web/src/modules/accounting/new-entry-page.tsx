import { Alert, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ProblemError } from '../../api/problem';
import { LeaveGuard } from '../../components/leave-guard';
import { t, today } from '../../i18n/i18n';
import { PageTitle } from '../../layout/shell';
import { allAccountsQuery, journalsQuery, settingsQuery } from './api';
import { entryKeys, postEntry } from './entries-api';
import { EntryTotals } from './entry-totals';
import { JournalSelect } from './journal-select';
import { LinesGrid } from './lines-grid';
import { type EntryForm, useEntryForm } from './use-entry-form';

export function NewEntryPage() {
  const settings = useQuery(settingsQuery);
  const journals = useQuery(journalsQuery);
  // The accounts too: a code typed before they are here would pick nothing.
  const accounts = useQuery(allAccountsQuery);
  if (!settings.data || !journals.data || !accounts.data) return <Loader aria-label={t('app.loading')} />;
  // Manual entries go to the miscellaneous journal unless the user picks another.
  const general = journals.data.find((j) => j.type === 'general' && !j.archived);
  return <NewEntry currency={settings.data.currencyCode} journalId={general?.id ?? null} />;
}

function NewEntry({ currency, journalId }: { currency: string; journalId: string | null }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useEntryForm({
    currency,
    initialHeader: { journalId, date: today(), description: '', reference: '' },
    post: postEntry,
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const entry = await form.submit();
    if (!entry) return;
    queryClient.setQueryData(entryKeys.one(entry.id), entry);
    void queryClient.invalidateQueries({ queryKey: entryKeys.all });
    void navigate(`/accounting/entries/${entry.id}`, { replace: true });
  }

  return (
    <Stack gap={0}>
      <PageTitle>{t('newEntry.title')}</PageTitle>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-describedby="entry-messages">
        <Stack>
          <EntryMessages form={form} />
          <Group align="start" wrap="wrap">
            <JournalSelect
              label={t('entry.field.journal')}
              required
              value={form.header.journalId}
              onChange={(value) => form.setField('journalId', value)}
              error={form.errors.journalId}
              w={260}
            />
            <TextInput
              type="date"
              label={t('entry.field.date')}
              required
              name="date"
              value={form.header.date}
              onChange={(e) => form.setField('date', e.currentTarget.value)}
              error={form.errors.date}
              w={200}
            />
            <TextInput
              label={t('entry.field.description')}
              required
              name="description"
              value={form.header.description}
              onChange={(e) => form.setField('description', e.currentTarget.value)}
              error={form.errors.description}
              style={{ flex: 1 }}
              miw={240}
            />
            <TextInput
              label={t('entry.field.reference')}
              name="reference"
              value={form.header.reference}
              onChange={(e) => form.setField('reference', e.currentTarget.value)}
              error={form.errors.reference}
              w={180}
            />
          </Group>
          <Text size="sm" c="dimmed" id="lines-hint">
            {t('newEntry.keyboardHint')}
          </Text>
          <LinesGrid form={form} currency={currency} />
          <EntryTotals totals={form.totals} balanced={form.balanced} currency={currency} />
          <Group>
            <Button
              type="submit"
              loading={form.posting}
              disabled={!form.balanced}
              aria-describedby="entry-balance"
            >
              {t('newEntry.post')}
            </Button>
            <Button variant="default" onClick={() => void navigate('/accounting/entries')}>
              {t('form.cancel')}
            </Button>
          </Group>
        </Stack>
        <LeaveGuard dirty={form.dirty} leavingAllowed={form.leavingAllowed} />
      </form>
    </Stack>
  );
}

// Refusals of the whole entry that no field owns (unbalanced, too few lines) are said here.
const ENTRY_REFUSALS: Partial<Record<string, 'entryError.unbalanced' | 'entryError.tooFewLines'>> = {
  'accounting.entry_unbalanced': 'entryError.unbalanced',
  'accounting.entry_too_few_lines': 'entryError.tooFewLines',
};

function EntryMessages({ form }: { form: EntryForm }) {
  const fieldCount = Object.keys(form.errors).length;
  const refusal = form.failure instanceof ProblemError ? ENTRY_REFUSALS[form.failure.code] : undefined;
  const other = form.failure && fieldCount === 0 && !refusal;
  return (
    <div id="entry-messages">
      {fieldCount > 0 && (
        <Alert color="red" role="alert" mb="sm">
          {form.errors.lines ?? t('form.invalid')}
        </Alert>
      )}
      {refusal && (
        <Alert color="red" role="alert" mb="sm">
          {t(refusal)} {form.failure instanceof Error ? form.failure.message : ''}
        </Alert>
      )}
      {other ? (
        <Alert color="red" role="alert" mb="sm">
          {form.failure instanceof Error ? form.failure.message : t('app.error')}
        </Alert>
      ) : null}
    </div>
  );
}

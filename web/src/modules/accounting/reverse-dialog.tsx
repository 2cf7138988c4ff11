import { Modal, Textarea, TextInput } from '@mantine/core';
import { ReverseEntryRequest } from '@shared/accounting/entry.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { RecordForm, useRecordForm } from '../../components/record-form';
import { t } from '../../i18n/i18n';
import { entryKeys, type JournalEntry, reverseEntry } from './entries-api';
import { entryErrorsOf } from './entry-errors';

/** Asks why, and on which day, then posts the mirror image of the entry and opens it. */
export function ReverseDialog({ entry, onClose }: { entry: JournalEntry; onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useRecordForm({
    initialValues: { reason: '', date: entry.date },
    schema: ReverseEntryRequest,
    toInput: (v) => ({ reason: v.reason, date: v.date || undefined }),
    errorsOf: entryErrorsOf,
    save: async (body) => {
      const reversal = await reverseEntry(entry.id, body);
      queryClient.setQueryData(entryKeys.one(reversal.id), reversal);
      void queryClient.invalidateQueries({ queryKey: entryKeys.all });
      form.allowLeaving();
      onClose();
      void navigate(`/accounting/entries/${reversal.id}`);
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('reverse.title', { number: entry.number ?? '' })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <RecordForm form={form} onCancel={onClose} submitLabel={t('reverse.submit')}>
        <p>{t('reverse.intro')}</p>
        <Textarea
          label={t('reverse.reason')}
          required
          autosize
          minRows={2}
          data-autofocus
          {...form.text('reason')}
        />
        <TextInput type="date" label={t('reverse.date')} {...form.text('date')} w={220} />
      </RecordForm>
    </Modal>
  );
}

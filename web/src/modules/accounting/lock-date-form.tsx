import { Card, Loader, Text, TextInput, Title } from '@mantine/core';
import { UpdateSettingsInput } from '@shared/accounting/settings.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RecordForm, useRecordForm } from '../../components/record-form';
import { t } from '../../i18n/i18n';
import { type AccountingSettings, accountingKeys, settingsQuery, updateSettings } from './api';

/** The company's lock date: nothing dated on or before it is posted, whatever the periods say. */
export function LockDateForm() {
  const settings = useQuery(settingsQuery);
  if (!settings.data) return <Loader aria-label={t('app.loading')} />;
  return <LockDate settings={settings.data} refetch={async () => void (await settings.refetch())} />;
}

function LockDate({ settings, refetch }: { settings: AccountingSettings; refetch: () => Promise<void> }) {
  const queryClient = useQueryClient();
  const [baseVersion, setBaseVersion] = useState(settings.version);
  const form = useRecordForm({
    initialValues: { lockDate: settings.lockDate ?? '' },
    schema: UpdateSettingsInput,
    toInput: (v) => ({ version: baseVersion, lockDate: v.lockDate || null }),
    save: async (body) => {
      const saved = await updateSettings(body);
      queryClient.setQueryData(accountingKeys.settings, saved);
      setBaseVersion(saved.version);
    },
  });
  useEffect(() => {
    if (!form.dirty) setBaseVersion(settings.version);
  }, [settings.version, form.dirty]);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="lock-date-title" maw={640}>
      <Title order={2} size="h4" id="lock-date-title">
        {t('lockDate.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('lockDate.intro')}
      </Text>
      <RecordForm
        form={form}
        onReload={async () => {
          await refetch();
          const latest = queryClient.getQueryData<AccountingSettings>(accountingKeys.settings);
          if (latest) {
            form.reset({ lockDate: latest.lockDate ?? '' });
            setBaseVersion(latest.version);
          }
        }}
      >
        <TextInput
          type="date"
          label={t('lockDate.field')}
          description={t('lockDate.hint')}
          w={240}
          {...form.text('lockDate')}
        />
      </RecordForm>
    </Card>
  );
}

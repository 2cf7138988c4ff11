import { Card, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { SetupInput } from '@shared/accounting/settings.ts';
import { useQueryClient } from '@tanstack/react-query';
import { RecordForm, useRecordForm } from '../../components/record-form';
import { t } from '../../i18n/i18n';
import { PageTitle } from '../../layout/shell';
import { isAccountingQuery, setUpAccounting } from './api';

type SetupValues = {
  template: 'generic' | 'skr03';
  fiscalYearStart: string;
  taxRounding: 'per_line' | 'global';
};

const INITIAL: SetupValues = {
  template: 'generic',
  fiscalYearStart: `${new Date().getFullYear()}-01-01`,
  taxRounding: 'per_line',
};

/** Shown by every accounting screen until the company has chosen its chart of accounts. */
export function SetupCard() {
  const queryClient = useQueryClient();
  const form = useRecordForm({
    initialValues: INITIAL,
    schema: SetupInput,
    toInput: (v) => ({ ...v, fiscalYearStart: v.fiscalYearStart || undefined }),
    save: async (body) => {
      await setUpAccounting(body);
      form.allowLeaving();
      // Everything accounting showed (empty lists, the refusal) is stale now.
      await queryClient.invalidateQueries({ predicate: isAccountingQuery });
    },
  });
  return (
    <Stack gap={0}>
      <PageTitle>{t('setup.title')}</PageTitle>
      <Card withBorder maw={640} padding="lg">
        <Text mb="md">{t('setup.intro')}</Text>
        <RecordForm form={form} submitLabel={t('setup.submit')}>
          <Radio.Group
            label={t('setup.template')}
            value={form.values.template}
            onChange={(value) => form.set('template', value as SetupValues['template'])}
            error={form.errors.template}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="generic" label={t('setup.template.generic')} />
              <Radio value="skr03" label={t('setup.template.skr03')} />
            </Stack>
          </Radio.Group>
          <TextInput type="date" label={t('setup.fiscalYearStart')} {...form.text('fiscalYearStart')} />
          <Select
            label={t('setup.taxRounding')}
            data={[
              { value: 'per_line', label: t('taxRounding.per_line') },
              { value: 'global', label: t('taxRounding.global') },
            ]}
            value={form.values.taxRounding}
            onChange={(value) => value && form.set('taxRounding', value as SetupValues['taxRounding'])}
            allowDeselect={false}
            error={form.errors.taxRounding}
          />
        </RecordForm>
      </Card>
    </Stack>
  );
}

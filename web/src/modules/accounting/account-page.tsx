import { Alert, Anchor, Checkbox, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import {
  ACCOUNT_KINDS,
  ACCOUNT_TYPES,
  CreateAccountInput,
  UpdateAccountInput,
} from '@shared/accounting/account.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { RecordForm, useRecordForm } from '../../components/record-form';
import { t } from '../../i18n/i18n';
import { PageTitle } from '../../layout/shell';
import {
  type Account,
  type AccountKind,
  accountingKeys,
  accountQuery,
  createAccount,
  updateAccount,
} from './api';

// The kinds grouped under their type, as the kind decides the type.
const KIND_OPTIONS = ACCOUNT_TYPES.map((type) => ({
  group: t(`accountType.${type}`),
  items: (Object.keys(ACCOUNT_KINDS) as AccountKind[])
    .filter((kind) => ACCOUNT_KINDS[kind] === type)
    .map((kind) => ({ value: kind, label: t(`accountKind.${kind}`) })),
}));

const isOpenItemKind = (kind: AccountKind) => kind === 'receivable' || kind === 'payable';

type NewAccountValues = {
  code: string;
  name: string;
  kind: AccountKind;
  reconcilable: boolean;
  currencyCode: string;
};

export function NewAccountPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Receivables and payables are open items: reconcilable unless the user says otherwise.
  const reconcilableTouched = useRef(false);
  const form = useRecordForm({
    initialValues: {
      code: '',
      name: '',
      kind: 'expense',
      reconcilable: false,
      currencyCode: '',
    } as NewAccountValues,
    schema: CreateAccountInput,
    toInput: (v) => ({
      ...v,
      code: v.code.trim(),
      currencyCode: v.currencyCode.trim().toUpperCase() || null,
    }),
    save: async (body) => {
      const account = await createAccount(body);
      queryClient.setQueryData(accountingKeys.account(account.id), account);
      void queryClient.invalidateQueries({ queryKey: accountingKeys.accounts });
      form.allowLeaving();
      void navigate(`/accounting/accounts/${account.id}`, { replace: true });
    },
  });
  return (
    <Stack gap={0}>
      <PageTitle>{t('accounts.create')}</PageTitle>
      <RecordForm form={form} onCancel={() => void navigate('/accounting/accounts')}>
        <TextInput label={t('accounts.field.code')} required {...form.text('code')} ff="monospace" />
        <TextInput label={t('accounts.field.name')} required {...form.text('name')} />
        <Select
          label={t('accounts.field.kind')}
          data={KIND_OPTIONS}
          value={form.values.kind}
          onChange={(value) => {
            if (!value) return;
            form.set('kind', value as AccountKind);
            if (!reconcilableTouched.current) form.set('reconcilable', isOpenItemKind(value as AccountKind));
          }}
          error={form.errors.kind}
          allowDeselect={false}
          searchable
        />
        <Checkbox
          label={t('accounts.field.reconcilable')}
          {...form.check('reconcilable')}
          onChange={(e) => {
            reconcilableTouched.current = true;
            form.set('reconcilable', e.currentTarget.checked);
          }}
        />
        <TextInput
          label={t('accounts.field.currencyCode')}
          description={t('accounts.field.currencyCode.hint')}
          maxLength={3}
          w={200}
          {...form.text('currencyCode')}
        />
      </RecordForm>
    </Stack>
  );
}

export function EditAccountPage() {
  const { id = '' } = useParams();
  const account = useQuery(accountQuery(id));
  if (account.isPending) return <Loader aria-label={t('app.loading')} />;
  if (account.isError)
    return (
      <Alert color="red" role="alert">
        {isProblem(account.error) && account.error.status === 404
          ? t('accounts.notFound')
          : account.error.message}
      </Alert>
    );
  return <EditAccount account={account.data} refetch={async () => void (await account.refetch())} />;
}

type EditAccountValues = { name: string; reconcilable: boolean; archived: boolean };
const valuesOf = (a: Account): EditAccountValues => ({
  name: a.name,
  reconcilable: a.reconcilable,
  archived: a.archived,
});

function EditAccount({ account, refetch }: { account: Account; refetch: () => Promise<void> }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The version the edits are based on: a change made meanwhile is a conflict, not overwritten.
  const [baseVersion, setBaseVersion] = useState(account.version);
  const form = useRecordForm({
    initialValues: valuesOf(account),
    schema: UpdateAccountInput,
    toInput: (v) => ({ ...v, version: baseVersion }),
    save: async (body) => {
      const saved = await updateAccount(account.id, body);
      queryClient.setQueryData(accountingKeys.account(account.id), saved);
      setBaseVersion(saved.version);
      void queryClient.invalidateQueries({ queryKey: accountingKeys.accounts });
    },
  });
  useEffect(() => {
    if (!form.dirty) setBaseVersion(account.version);
  }, [account.version, form.dirty]);
  return (
    <Stack gap={0}>
      <PageTitle>{t('accounts.edit', { code: account.code, name: account.name })}</PageTitle>
      <Group gap="xl" mb="md">
        <Text size="sm">
          {t('accounts.field.type')}: <strong>{t(`accountType.${account.type}`)}</strong>
        </Text>
        <Text size="sm">
          {t('accounts.field.kind')}: <strong>{t(`accountKind.${account.kind}`)}</strong>
        </Text>
        {account.currencyCode && (
          <Text size="sm">
            {t('accounts.field.currencyCode')}: <strong>{account.currencyCode}</strong>
          </Text>
        )}
        <Anchor component={Link} to={`/accounting/reports/general-ledger?accountId=${account.id}`} size="sm">
          {t('accounts.showLedger')}
        </Anchor>
      </Group>
      <RecordForm
        form={form}
        onCancel={() => void navigate('/accounting/accounts')}
        onReload={async () => {
          await refetch();
          const latest = queryClient.getQueryData<Account>(accountingKeys.account(account.id));
          if (latest) {
            form.reset(valuesOf(latest));
            setBaseVersion(latest.version);
          }
        }}
      >
        <TextInput label={t('accounts.field.name')} required {...form.text('name')} />
        <Checkbox label={t('accounts.field.reconcilable')} {...form.check('reconcilable')} />
        <Checkbox
          label={t('accounts.field.archived')}
          description={t('accounts.field.archived.hint')}
          {...form.check('archived')}
        />
      </RecordForm>
    </Stack>
  );
}

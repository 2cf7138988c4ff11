import { Anchor, Button, Checkbox, Group, Select, Stack } from '@mantine/core';
import { ACCOUNT_TYPES } from '@shared/accounting/account.ts';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type Column, DataTable } from '../../components/data-table';
import { t } from '../../i18n/i18n';
import { PageTitle } from '../../layout/shell';
import { type Account, type AccountType, accountingKeys, listAccounts } from './api';

const yesNo = (value: boolean) => (value ? t('app.yes') : t('app.no'));

const columns: Column<Account>[] = [
  {
    key: 'code',
    header: t('accounts.col.code'),
    render: (a) => (
      <Anchor component={Link} to={`/accounting/accounts/${a.id}`} tabIndex={-1} ff="monospace">
        {a.code}
      </Anchor>
    ),
    text: (a) => a.code,
  },
  { key: 'name', header: t('accounts.col.name'), render: (a) => a.name, text: (a) => a.name },
  {
    key: 'type',
    header: t('accounts.col.type'),
    render: (a) => t(`accountType.${a.type}`),
    text: (a) => t(`accountType.${a.type}`),
  },
  {
    key: 'kind',
    header: t('accounts.col.kind'),
    render: (a) => t(`accountKind.${a.kind}`),
    text: (a) => t(`accountKind.${a.kind}`),
  },
  {
    key: 'reconcilable',
    header: t('accounts.col.reconcilable'),
    render: (a) => yesNo(a.reconcilable),
    text: (a) => yesNo(a.reconcilable),
  },
];

export function ChartOfAccountsPage() {
  const navigate = useNavigate();
  const [type, setType] = useState<AccountType | undefined>();
  const [archived, setArchived] = useState(false);
  const filters = { type, archived };
  return (
    <Stack gap={0}>
      <Group justify="space-between" align="start">
        <PageTitle>{t('accounts.title')}</PageTitle>
        <Button component={Link} to="/accounting/accounts/new">
          {t('accounts.new')}
        </Button>
      </Group>
      <DataTable<Account>
        label={t('accounts.title')}
        queryKey={accountingKeys.accountList(filters)}
        // The chart is one list ordered by code, not paged: a company has hundreds of accounts at most.
        fetchPage={async (request) => ({
          data: (await listAccounts({ ...filters, q: request.q })).data,
          page: { nextCursor: null, limit: request.limit },
        })}
        columns={columns}
        rowKey={(a) => a.id}
        onOpen={(a) => void navigate(`/accounting/accounts/${a.id}`)}
        csvFileName="chart-of-accounts.csv"
        filters={
          <Group align="end">
            <Select
              label={t('accounts.filter.type')}
              data={[
                { value: '', label: t('accounts.filter.allTypes') },
                ...ACCOUNT_TYPES.map((value) => ({ value, label: t(`accountType.${value}`) })),
              ]}
              value={type ?? ''}
              onChange={(value) => setType((value || undefined) as AccountType | undefined)}
              allowDeselect={false}
              w={180}
            />
            <Checkbox
              label={t('accounts.filter.archived')}
              checked={archived}
              onChange={(e) => setArchived(e.currentTarget.checked)}
              mb={8}
            />
          </Group>
        }
      />
    </Stack>
  );
}

import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type Column, DataTable } from '../../components/data-table';
import { formatDateTime, t } from '../../i18n/i18n';
import { PageTitle } from '../../layout/shell';
import { listParties, type Party, type PartyRole, partyKeys } from './api';

const roleText = (p: Party) =>
  [p.isCustomer && t('parties.role.customer'), p.isSupplier && t('parties.role.supplier')]
    .filter(Boolean)
    .join(', ');

const columns: Column<Party>[] = [
  {
    key: 'name',
    header: t('parties.col.name'),
    sort: 'name',
    render: (p) => (
      <Anchor component={Link} to={`/crm/parties/${p.id}`} tabIndex={-1}>
        {p.name}
      </Anchor>
    ),
    text: (p) => p.name,
  },
  {
    key: 'kind',
    header: t('parties.col.kind'),
    render: (p) => t(`parties.kind.${p.kind}`),
    text: (p) => t(`parties.kind.${p.kind}`),
  },
  {
    key: 'roles',
    header: t('parties.col.roles'),
    render: (p) => (
      <Group gap={4}>
        {p.isCustomer && <Badge>{t('parties.role.customer')}</Badge>}
        {p.isSupplier && <Badge color="grape">{t('parties.role.supplier')}</Badge>}
      </Group>
    ),
    text: roleText,
  },
  { key: 'email', header: t('parties.col.email'), render: (p) => p.email, text: (p) => p.email ?? '' },
  { key: 'phone', header: t('parties.col.phone'), render: (p) => p.phone, text: (p) => p.phone ?? '' },
  {
    key: 'updated',
    header: t('parties.col.updated'),
    sort: 'updatedAt',
    render: (p) => <Text size="sm">{formatDateTime(p.updatedAt)}</Text>,
    text: (p) => p.updatedAt,
  },
];

export function PartiesListPage() {
  const [role, setRole] = useState<'all' | PartyRole>('all');
  const navigate = useNavigate();
  const roleFilter = role === 'all' ? undefined : role;
  return (
    <Stack gap={0}>
      <Group justify="space-between" align="start">
        <PageTitle>{t('parties.title')}</PageTitle>
        <Button component={Link} to="/crm/parties/new">
          {t('parties.new')}
        </Button>
      </Group>
      <DataTable<Party>
        label={t('parties.title')}
        queryKey={partyKeys.list(roleFilter)}
        fetchPage={(request) => listParties(request, roleFilter)}
        columns={columns}
        rowKey={(p) => p.id}
        onOpen={(p) => void navigate(`/crm/parties/${p.id}`)}
        defaultSort="name"
        csvFileName="parties.csv"
        filters={
          <Stack gap={4}>
            <Text size="sm" fw={500} id="role-filter-label">
              {t('parties.filter.role')}
            </Text>
            <SegmentedControl
              aria-labelledby="role-filter-label"
              value={role}
              onChange={(value) => setRole(value as typeof role)}
              data={[
                { value: 'all', label: t('parties.filter.all') },
                { value: 'customer', label: t('parties.filter.customers') },
                { value: 'supplier', label: t('parties.filter.suppliers') },
              ]}
            />
          </Stack>
        }
      />
    </Stack>
  );
}

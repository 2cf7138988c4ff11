import { Alert, Checkbox, Group, Loader, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { CreatePartyInput, UpdatePartyInput } from '@shared/crm/party.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { usePermissions } from '../../auth/permissions';
import { RecordForm, type RecordFormApi, useRecordForm } from '../../components/record-form';
import { t } from '../../i18n/i18n';
import { PageTitle } from '../../layout/shell';
import { CustomerSales } from '../sales/customer-sales';
import { createParty, type Party, partyKeys, partyQuery, updateParty } from './api';

// A customer's orders and invoices show to roles that may read them.
const CUSTOMER_SECTIONS = ['sales.order.read', 'accounting.invoice.read'] as const;

type PartyValues = {
  kind: 'organisation' | 'person';
  name: string;
  isCustomer: boolean;
  isSupplier: boolean;
  email: string;
  phone: string;
  taxId: string;
  notes: string;
  creditLimit: string;
  paymentTermDays: string;
};

const EMPTY: PartyValues = {
  kind: 'organisation',
  name: '',
  isCustomer: true,
  isSupplier: false,
  email: '',
  phone: '',
  taxId: '',
  notes: '',
  creditLimit: '',
  paymentTermDays: '',
};

const valuesOf = (p: Party): PartyValues => ({
  kind: p.kind,
  name: p.name,
  isCustomer: p.isCustomer,
  isSupplier: p.isSupplier,
  email: p.email ?? '',
  phone: p.phone ?? '',
  taxId: p.taxId ?? '',
  notes: p.notes ?? '',
  creditLimit: p.creditLimit ?? '',
  paymentTermDays: p.paymentTermDays === null ? '' : String(p.paymentTermDays),
});

// Empty optional text is "no value" to the API.
const blankToNull = (text: string) => (text.trim() === '' ? null : text);
const inputOf = (v: PartyValues) => ({
  kind: v.kind,
  name: v.name,
  isCustomer: v.isCustomer,
  isSupplier: v.isSupplier,
  email: blankToNull(v.email),
  phone: blankToNull(v.phone),
  taxId: blankToNull(v.taxId),
  notes: blankToNull(v.notes),
  creditLimit: blankToNull(v.creditLimit),
  // Typed days as a number; what is not one is left for the schema to refuse beside the field.
  paymentTermDays: v.paymentTermDays.trim() === '' ? null : Number(v.paymentTermDays),
});

function PartyFields({ form }: { form: RecordFormApi<PartyValues> }) {
  return (
    <>
      <Select
        label={t('parties.field.kind')}
        data={[
          { value: 'organisation', label: t('parties.kind.organisation') },
          { value: 'person', label: t('parties.kind.person') },
        ]}
        value={form.values.kind}
        onChange={(value) => value && form.set('kind', value as PartyValues['kind'])}
        error={form.errors.kind}
        allowDeselect={false}
      />
      <TextInput label={t('parties.field.name')} required {...form.text('name')} />
      <Group>
        <Checkbox label={t('parties.field.isCustomer')} {...form.check('isCustomer')} />
        <Checkbox label={t('parties.field.isSupplier')} {...form.check('isSupplier')} />
      </Group>
      <TextInput label={t('parties.field.email')} type="email" {...form.text('email')} />
      <TextInput label={t('parties.field.phone')} type="tel" {...form.text('phone')} />
      <TextInput label={t('parties.field.taxId')} {...form.text('taxId')} />
      <Group grow align="start">
        {form.values.isCustomer && (
          <TextInput
            label={t('parties.field.creditLimit')}
            description={t('parties.field.creditLimitHint')}
            inputMode="decimal"
            {...form.text('creditLimit')}
          />
        )}
        <TextInput
          label={t('parties.field.paymentTermDays')}
          description={t('parties.field.paymentTermDaysHint')}
          inputMode="numeric"
          {...form.text('paymentTermDays')}
        />
      </Group>
      <Textarea label={t('parties.field.notes')} autosize minRows={3} {...form.text('notes')} />
    </>
  );
}

export function NewPartyPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useRecordForm({
    initialValues: EMPTY,
    schema: CreatePartyInput,
    toInput: inputOf,
    save: async (body) => {
      const party = await createParty(body);
      queryClient.setQueryData(partyKeys.one(party.id), party);
      void queryClient.invalidateQueries({ queryKey: partyKeys.all });
      form.allowLeaving();
      void navigate(`/crm/parties/${party.id}`, { replace: true });
    },
  });
  return (
    <Stack gap={0}>
      <PageTitle>{t('parties.create')}</PageTitle>
      <RecordForm form={form} onCancel={() => void navigate('/crm/parties')}>
        <PartyFields form={form} />
      </RecordForm>
    </Stack>
  );
}

export function EditPartyPage() {
  const { id = '' } = useParams();
  const party = useQuery(partyQuery(id));
  if (party.isPending) return <Loader aria-label={t('app.loading')} />;
  if (party.isError)
    return (
      <Alert color="red" role="alert">
        {isProblem(party.error) && party.error.status === 404 ? t('parties.notFound') : party.error.message}
      </Alert>
    );
  return <EditParty party={party.data} refetch={async () => void (await party.refetch())} />;
}

function EditParty({ party, refetch }: { party: Party; refetch: () => Promise<void> }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The version the user's edits are based on: a save names it, so a change made meanwhile by
  // someone else is a conflict, never silently overwritten.
  const [baseVersion, setBaseVersion] = useState(party.version);
  const form = useRecordForm({
    initialValues: valuesOf(party),
    schema: UpdatePartyInput,
    toInput: (v) => ({ ...inputOf(v), version: baseVersion }),
    save: async (body) => {
      const saved = await updateParty(party.id, body);
      queryClient.setQueryData(partyKeys.one(party.id), saved);
      void queryClient.invalidateQueries({ queryKey: partyKeys.all });
    },
  });
  useEffect(() => {
    if (!form.dirty) setBaseVersion(party.version);
  }, [party.version, form.dirty]);
  const changedElsewhere = form.dirty && party.version !== baseVersion;
  const { can } = usePermissions(CUSTOMER_SECTIONS);
  return (
    <Stack gap={0}>
      <PageTitle>{t('parties.edit', { name: party.name })}</PageTitle>
      <RecordForm
        form={form}
        changedElsewhere={changedElsewhere}
        onCancel={() => void navigate('/crm/parties')}
        onReload={async () => {
          await refetch();
          const latest = queryClient.getQueryData<Party>(partyKeys.one(party.id));
          if (latest) {
            form.reset(valuesOf(latest));
            setBaseVersion(latest.version);
          }
        }}
      >
        <PartyFields form={form} />
      </RecordForm>
      {party.isCustomer && can['sales.order.read'] && (
        <CustomerSales party={party} showInvoices={can['accounting.invoice.read'] === true} />
      )}
    </Stack>
  );
}

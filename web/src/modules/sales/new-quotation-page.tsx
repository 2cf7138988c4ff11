import { Alert, Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect } from 'react';
import { useNavigate } from 'react-router';
import { LeaveGuard } from '../../components/leave-guard';
import { t } from '../../i18n/i18n';
import { PageTitle } from '../../layout/shell';
import { PartnerPicker } from '../accounting/partner-picker';
import { createQuotation, orderKeys, warehousesQuery } from './api';
import { QuotationLines } from './quotation-lines';
import { useQuotationForm } from './use-quotation-form';

export function NewQuotationPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const warehouses = useQuery(warehousesQuery);
  const form = useQuotationForm(createQuotation);
  const { header, errors } = form;

  // One warehouse is the usual case: take it.
  const only = warehouses.data?.data.length === 1 ? warehouses.data.data[0]!.id : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the list arrives
  useEffect(() => {
    if (only && !header.warehouseId) form.preset('warehouseId', only);
  }, [only]);

  async function onSubmit(event: FormEvent) {
    const order = await form.submit(event);
    if (!order) return;
    queryClient.setQueryData(orderKeys.one(order.id), order);
    void queryClient.invalidateQueries({ queryKey: orderKeys.all });
    void navigate(`/sales/orders/${order.id}`, { replace: true });
  }

  const fieldErrors = Object.keys(errors).length;
  return (
    <Stack gap={0}>
      <PageTitle>{t('sales.form.title')}</PageTitle>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-describedby="quotation-messages">
        <Stack>
          <div id="quotation-messages">
            {fieldErrors > 0 && (
              <Alert color="red" role="alert">
                {t('form.invalid')}
              </Alert>
            )}
            {form.failure && fieldErrors === 0 ? (
              <Alert color="red" role="alert">
                {form.failure instanceof Error ? form.failure.message : t('app.error')}
              </Alert>
            ) : null}
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={900}>
            <PartnerPicker
              label={t('sales.field.customer')}
              required
              partyRole="customer"
              value={header.customerId}
              onChange={(id) => form.setField('customerId', id)}
              error={errors.customerId}
            />
            <Select
              label={t('sales.field.warehouse')}
              required
              data={(warehouses.data?.data ?? []).map((w) => ({
                value: w.id,
                label: `${w.code} · ${w.name}`,
              }))}
              value={header.warehouseId}
              onChange={(id) => form.setField('warehouseId', id)}
              error={errors.warehouseId ?? (warehouses.isError ? warehouses.error.message : undefined)}
              allowDeselect={false}
            />
            <Select
              label={t('sales.field.invoicePolicy')}
              data={[
                { value: 'delivery', label: t('sales.invoicePolicy.delivery') },
                { value: 'order', label: t('sales.invoicePolicy.order') },
              ]}
              value={header.invoicePolicy}
              onChange={(value) => value && form.setField('invoicePolicy', value as 'delivery' | 'order')}
              error={errors.invoicePolicy}
              allowDeselect={false}
            />
            <TextInput
              label={t('sales.field.customerReference')}
              value={header.customerReference}
              onChange={(e) => form.setField('customerReference', e.currentTarget.value)}
              error={errors.customerReference}
            />
            <TextInput
              label={t('sales.field.validUntil')}
              type="date"
              value={header.validUntil}
              onChange={(e) => form.setField('validUntil', e.currentTarget.value)}
              error={errors.validUntil}
            />
          </SimpleGrid>
          <Textarea
            label={t('sales.field.note')}
            autosize
            minRows={2}
            maw={900}
            value={header.note}
            onChange={(e) => form.setField('note', e.currentTarget.value)}
            error={errors.note}
          />
          <QuotationLines form={form} />
          <Group>
            <Button type="submit" loading={form.saving}>
              {t('sales.form.save')}
            </Button>
            <Button variant="default" onClick={() => void navigate('/sales/orders')}>
              {t('form.cancel')}
            </Button>
          </Group>
        </Stack>
        <LeaveGuard dirty={form.dirty} leavingAllowed={form.leavingAllowed} />
      </form>
    </Stack>
  );
}

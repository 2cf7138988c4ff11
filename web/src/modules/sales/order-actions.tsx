import { Button, Group } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { t } from '../../i18n/i18n';
import { downloadOrderPdf, orderActions, type SalesOrder } from './api';
import { ConfirmAction } from './confirm-action';
import { ProblemAlert } from './problem-alert';
import { type ChoosableLine, QuantitiesDialog } from './quantities-dialog';
import { minus, positive } from './quantity';
import { SendDialog } from './send-dialog';

const choosable = (order: SalesOrder, left: (line: SalesOrder['lines'][number]) => string): ChoosableLine[] =>
  order.lines
    .map((line) => ({ lineNo: line.lineNo, description: line.description, available: left(line) }))
    .filter((line) => positive(line.available));

// What can be invoiced now: what was delivered (or, invoicing per order, ordered) and not yet.
function somethingToInvoice(order: SalesOrder): boolean {
  return order.lines.some((line) =>
    positive(
      minus(
        minus(
          order.invoicePolicy === 'order' ? line.quantity : line.quantityDelivered,
          line.quantityReturned,
        ),
        minus(line.quantityInvoiced, line.quantityCredited),
      ),
    ),
  );
}

/** The commands the order's state allows, each asking first and showing the server's refusal. */
export function OrderActions({ order }: { order: SalesOrder }) {
  const { id, state, number } = order;
  const pdf = useMutation({ mutationFn: () => downloadOrderPdf(order) });
  const toDeliver = choosable(order, (l) => minus(l.quantity, l.quantityDelivered));
  const returnable = choosable(order, (l) => minus(l.quantityDelivered, l.quantityReturned));
  const open = state === 'quotation' || state === 'confirmed';
  return (
    <div>
      <Group gap="xs" mb="sm" role="group" aria-label={t('sales.order.actions')}>
        {state === 'quotation' && (
          <ConfirmAction
            variant="filled"
            label={t('sales.action.confirm')}
            question={t('sales.confirm.question', { number })}
            run={() => orderActions.confirm(id)}
          />
        )}
        {state === 'confirmed' && toDeliver.length > 0 && (
          <>
            <ConfirmAction
              variant="filled"
              label={t('sales.action.deliverAll')}
              question={t('sales.deliverAll.question', { number })}
              run={() => orderActions.deliver(id)}
            />
            <QuantitiesDialog
              label={t('sales.action.deliverSome')}
              intro={t('sales.deliverSome.intro')}
              lines={toDeliver}
              run={(lines) => orderActions.deliver(id, lines)}
            />
          </>
        )}
        {state !== 'quotation' && state !== 'cancelled' && somethingToInvoice(order) && (
          <ConfirmAction
            label={t('sales.action.invoice')}
            question={t('sales.invoice.question', { number })}
            run={() => orderActions.invoice(id)}
          />
        )}
        {(state === 'confirmed' || state === 'done') && returnable.length > 0 && (
          <QuantitiesDialog
            label={t('sales.action.return')}
            intro={t('sales.return.intro')}
            lines={returnable}
            withReason
            run={(lines, reason) => orderActions.returnGoods(id, lines, reason)}
          />
        )}
        <Button variant="default" loading={pdf.isPending} onClick={() => pdf.mutate()}>
          {state === 'quotation' ? t('sales.action.quotationPdf') : t('sales.action.confirmationPdf')}
        </Button>
        {state !== 'cancelled' && <SendDialog order={order} />}
        {open && (
          <ConfirmAction
            color="red"
            label={t(state === 'quotation' ? 'sales.action.cancelQuotation' : 'sales.action.cancel')}
            question={t(state === 'quotation' ? 'sales.cancel.quotation' : 'sales.cancel.order', { number })}
            run={() => orderActions.cancel(id)}
          />
        )}
      </Group>
      {pdf.isError && <ProblemAlert error={pdf.error} />}
    </div>
  );
}

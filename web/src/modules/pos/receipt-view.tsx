import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { t } from '../../i18n/i18n';
import { formatMoney } from '../../i18n/money';
import { receiptHtml, type Sale } from './api';

export type Completed =
  | { kind: 'recorded'; sale: Sale; changeMinor: number }
  | { kind: 'queued'; clientSaleId: string; changeMinor: number; currency: string };

/** After a sale: the change to give, and the server's 80 mm receipt to print (once it has it). */
export function ReceiptView({ done, onNext }: { done: Completed; onNext: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const saleId = done.kind === 'recorded' ? done.sale.id : null;
  const receipt = useQuery({
    queryKey: ['pos.sale', 'receipt', saleId],
    queryFn: () => receiptHtml(saleId!),
    enabled: saleId !== null,
    retry: false,
  });
  const currency = done.kind === 'recorded' ? done.sale.currencyCode : done.currency;
  const number = done.kind === 'recorded' ? done.sale.receiptNumber : '';
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sale-done">
      <Stack>
        <Title order={2} size="h3" id="sale-done">
          {t('pos.done.title')}
        </Title>
        <Text size="xl" fw={700} data-testid="pos-change-due">
          {t('pos.done.change', { amount: formatMoney(done.changeMinor, currency) })}
        </Text>
        {done.kind === 'queued' ? (
          <Alert color="yellow">{t('pos.done.queued')}</Alert>
        ) : (
          <Text fw={500}>{t('pos.done.receipt', { number })}</Text>
        )}
        {receipt.isError && (
          <Alert color="red" role="alert">
            {receipt.error.message}
          </Alert>
        )}
        {receipt.data && (
          // The server's receipt as it prints: same-origin srcdoc, so the page can print it.
          <iframe
            ref={frame}
            title={t('pos.receiptFrame', { number })}
            srcDoc={receipt.data}
            style={{
              width: '84mm',
              height: 420,
              border: '1px solid var(--mantine-color-default-border)',
              background: '#fff',
            }}
          />
        )}
        <Group>
          {receipt.data && (
            <Button size="lg" variant="default" onClick={() => frame.current?.contentWindow?.print()}>
              {t('pos.done.print')}
            </Button>
          )}
          <Button size="lg" onClick={onNext} autoFocus>
            {t('pos.done.next')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { fromMinor } from '@shared/money.ts';
import type { TillPayment } from '@shared/pos/sale-totals.ts';
import { useState } from 'react';
import { t } from '../../i18n/i18n';
import { formatMoney, parseAmount } from '../../i18n/money';
import type { Settlement } from './cart';

export type Tender = (TillPayment & { reference?: string })[];

type Props = {
  currency: string;
  totalMinor: number;
  dueCashMinor: number;
  settle: (payments: TillPayment[]) => Settlement;
  busy: boolean;
  error: string | null;
  onComplete: (payments: Tender, changeMinor: number) => void;
};

const minorOf = (text: string, currency: string) => {
  const parsed = parseAmount(text, currency);
  return parsed.kind === 'amount' ? parsed.minor : parsed.kind === 'empty' ? 0 : null;
};
// A lone decimal point reads the same in every locale (parseAmount), so "12.90" is safe to fill in.
const asText = (minor: number, currency: string) => fromMinor(minor, currency);

/** Cash (change computed), card with its reference, or both: a split payment. */
export function PaymentPanel({ currency, totalMinor, dueCashMinor, settle, busy, error, onComplete }: Props) {
  const [cash, setCash] = useState('');
  const [card, setCard] = useState('');
  const [reference, setReference] = useState('');
  const cashMinor = minorOf(cash, currency);
  const cardMinor = minorOf(card, currency);
  const payments: Tender = [
    ...(cashMinor ? [{ method: 'cash' as const, amountMinor: cashMinor }] : []),
    ...(cardMinor ? [{ method: 'card' as const, amountMinor: cardMinor, reference: reference.trim() }] : []),
  ];
  const result: Settlement | null =
    cashMinor === null || cardMinor === null ? null : payments.length === 0 ? null : settle(payments);
  return (
    <Stack gap="sm" component="section" aria-labelledby="payment-heading">
      <Title order={2} size="h3" id="payment-heading">
        {t('pos.pay')}
      </Title>
      <Group align="flex-end" gap="xs">
        <TextInput
          label={t('pos.cashReceived')}
          value={cash}
          onChange={(e) => setCash(e.currentTarget.value)}
          inputMode="decimal"
          size="lg"
          w={180}
          error={cashMinor === null ? t('pos.amountInvalid') : undefined}
        />
        <Button size="lg" variant="default" onClick={() => setCash(asText(dueCashMinor, currency))}>
          {t('pos.exactCash')}
        </Button>
      </Group>
      <Group align="flex-end" gap="xs">
        <TextInput
          label={t('pos.cardAmount')}
          value={card}
          onChange={(e) => setCard(e.currentTarget.value)}
          inputMode="decimal"
          size="lg"
          w={180}
          error={cardMinor === null ? t('pos.amountInvalid') : undefined}
        />
        <TextInput
          label={t('pos.cardReference')}
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          maxLength={100}
          size="lg"
          w={200}
        />
        <Button
          size="lg"
          variant="default"
          onClick={() => setCard(asText(Math.max(0, totalMinor - (cashMinor ?? 0)), currency))}
        >
          {t('pos.cardRest')}
        </Button>
      </Group>
      <Text size="xl" fw={700} data-testid="pos-change" role="status" aria-live="polite">
        {result?.ok
          ? `${t('pos.change')}: ${formatMoney(result.changeMinor, currency)}`
          : result
            ? t(`pos.settle.${result.reason}`)
            : ''}
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Button
        size="xl"
        disabled={!result?.ok || busy}
        loading={busy}
        onClick={() => result?.ok && onComplete(payments, result.changeMinor)}
      >
        {t('pos.complete')}
      </Button>
    </Stack>
  );
}

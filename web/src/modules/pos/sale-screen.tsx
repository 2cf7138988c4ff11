import { Button, Card, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isProblem } from '../../api/problem';
import { t } from '../../i18n/i18n';
import { formatMoney } from '../../i18n/money';
import { type CachedCatalogue, posKeys, postSale } from './api';
import {
  addItem,
  type Cart,
  cartTotals,
  emptyCart,
  newClientSaleId,
  saleBody,
  settle,
  validPercent,
} from './cart';
import { CartTable } from './cart-table';
import { isNetworkError, isOnline } from './connectivity';
import { PaymentPanel, type Tender } from './payment-panel';
import { type Completed, ReceiptView } from './receipt-view';
import { queueSale } from './sale-queue';
import { ScanBox } from './scan-box';
import { XReportButton } from './shift-panel';

type Props = { catalogue: CachedCatalogue; shiftId: string; onCloseShift: () => void };

export function SaleScreen({ catalogue, shiftId, onCloseShift }: Props) {
  const queryClient = useQueryClient();
  const scan = useRef<HTMLInputElement>(null);
  const [cart, setCart] = useState<Cart>(emptyCart);
  const [done, setDone] = useState<Completed | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Each sale gets a fresh payment panel, so what was typed for the last one is gone.
  const [saleNumber, setSaleNumber] = useState(0);
  const currency = catalogue.register.currencyCode;
  const totals = cartTotals(cart, catalogue);

  const complete = async (payments: Tender, changeMinor: number) => {
    setBusy(true);
    setError(null);
    const body = saleBody(cart, catalogue, shiftId, payments, newClientSaleId(), new Date());
    const queue = async () => {
      await queueSale(body);
      setDone({ kind: 'queued', clientSaleId: body.clientSaleId, changeMinor, currency });
    };
    try {
      if (!isOnline()) await queue();
      else setDone({ kind: 'recorded', sale: await postSale({ ...body, offline: false }), changeMinor });
      setCart(emptyCart);
    } catch (failure) {
      // No answer: the server may or may not have it; queued under the same id, it is recorded once.
      if (isNetworkError(failure)) {
        await queue();
        setCart(emptyCart);
      } else {
        setError(isProblem(failure) ? failure.message : String(failure));
        if (isProblem(failure, 'pos.price_changed'))
          void queryClient.invalidateQueries({ queryKey: posKeys.catalogue(catalogue.register.id) });
      }
    } finally {
      setBusy(false);
    }
  };

  // A scanner types wherever the focus is: keys typed outside any field go to the scan box.
  useEffect(() => {
    const redirect = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const inField = target?.closest('input, textarea, select, [role="dialog"]');
      if (!inField && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey)
        scan.current?.focus();
    };
    window.addEventListener('keydown', redirect);
    return () => window.removeEventListener('keydown', redirect);
  }, []);

  const next = () => {
    setDone(null);
    setSaleNumber((n) => n + 1);
    setTimeout(() => scan.current?.focus());
  };

  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <XReportButton shiftId={shiftId} />
        <Button size="md" variant="default" onClick={onCloseShift}>
          {t('pos.closeShift')}
        </Button>
      </Group>
      {done ? (
        <ReceiptView done={done} onNext={next} />
      ) : (
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <ScanBox
              ref={scan}
              items={catalogue.items}
              currency={currency}
              onAdd={(item) => {
                setCart((c) => addItem(c, item));
                scan.current?.focus();
              }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Card withBorder padding="md">
              <Stack gap="sm">
                <CartTable
                  cart={cart}
                  lineTotalsMinor={totals.lineTotalsMinor}
                  currency={currency}
                  onChange={setCart}
                />
                <TextInput
                  label={t('pos.orderDiscount')}
                  value={cart.orderDiscountPercent}
                  onChange={(e) => {
                    const value = e.currentTarget.value.trim();
                    if (validPercent(value)) setCart((c) => ({ ...c, orderDiscountPercent: value }));
                  }}
                  inputMode="decimal"
                  size="md"
                  w={160}
                />
                <Group justify="space-between" data-testid="pos-total">
                  <Text size="xl" fw={700}>
                    {t('pos.total')}
                  </Text>
                  <Text size="xl" fw={700}>
                    {formatMoney(totals.totalMinor, currency)}
                  </Text>
                </Group>
                <Group justify="space-between">
                  <Text size="sm" c="dimmed">
                    {t('pos.tax')}
                  </Text>
                  <Text size="sm">{formatMoney(totals.taxMinor, currency)}</Text>
                </Group>
                {totals.dueCashMinor !== totals.totalMinor && (
                  <Group justify="space-between">
                    <Text size="sm">{t('pos.dueCash')}</Text>
                    <Text size="sm">{formatMoney(totals.dueCashMinor, currency)}</Text>
                  </Group>
                )}
                {cart.lines.length > 0 && (
                  <PaymentPanel
                    key={saleNumber}
                    currency={currency}
                    totalMinor={totals.totalMinor}
                    dueCashMinor={totals.dueCashMinor}
                    settle={(payments) => settle(cart, catalogue, payments)}
                    busy={busy}
                    error={error}
                    onComplete={(payments, change) => void complete(payments, change)}
                  />
                )}
                {cart.lines.length > 0 && (
                  <Button variant="default" onClick={() => setCart(emptyCart)}>
                    {t('pos.cancelSale')}
                  </Button>
                )}
              </Stack>
            </Card>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

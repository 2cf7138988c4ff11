import { Alert, Button, Card, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isProblem } from '../../api/problem';
import { t } from '../../i18n/i18n';
import { parseAmount } from '../../i18n/money';
import { PageTitle } from '../../layout/shell';
import { type CachedCatalogue, catalogueQuery, openShift, posKeys, registersQuery } from './api';
import { SaleScreen } from './sale-screen';
import { ShiftPanel } from './shift-panel';
import { StatusBar } from './status-bar';
import { useSaleQueue } from './use-sale-queue';

// The register chosen on this device is remembered: a till stays at its register.
const REGISTER_KEY = 'tandem.pos.register';

function rememberedRegister(): string | null {
  try {
    return localStorage.getItem(REGISTER_KEY);
  } catch {
    return null;
  }
}

export function PosPage() {
  const { queued, online, flagged } = useSaleQueue();
  const registers = useQuery(registersQuery);
  const [registerId, setRegisterId] = useState<string | null>(rememberedRegister);
  const catalogue = useQuery({ ...catalogueQuery(registerId ?? ''), enabled: registerId !== null });
  const choose = (id: string | null) => {
    setRegisterId(id);
    if (id) localStorage.setItem(REGISTER_KEY, id);
  };
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <PageTitle>{t('pos.title')}</PageTitle>
        <StatusBar
          online={online}
          queued={queued}
          flagged={flagged}
          cachedAt={catalogue.data?.fromCache ? catalogue.data.fetchedAt : null}
        />
      </Group>
      {registers.isPending && <Loader aria-label={t('app.loading')} />}
      {registers.isError && (
        <Alert color="red" role="alert">
          {registers.error.message}
        </Alert>
      )}
      {registers.data && (
        <Select
          label={t('pos.register')}
          description={t('pos.chooseRegister')}
          data={registers.data.map((r) => ({ value: r.id, label: `${r.code} · ${r.name}` }))}
          value={registerId}
          onChange={choose}
          allowDeselect={false}
          size="md"
          maw={360}
          nothingFoundMessage={t('pos.noRegisters')}
        />
      )}
      {catalogue.isError && (
        <Alert color="red" role="alert">
          {catalogue.error.message}
        </Alert>
      )}
      {registerId && catalogue.isPending && <Loader aria-label={t('app.loading')} />}
      {catalogue.data && <Till catalogue={catalogue.data} online={online} />}
    </Stack>
  );
}

function Till({ catalogue, online }: { catalogue: CachedCatalogue; online: boolean }) {
  const shiftId = catalogue.register.openShiftId;
  const [closing, setClosing] = useState(false);
  if (!shiftId) return <OpenShiftForm catalogue={catalogue} online={online} />;
  if (closing) return <ShiftPanel catalogue={catalogue} shiftId={shiftId} onDone={() => setClosing(false)} />;
  return <SaleScreen catalogue={catalogue} shiftId={shiftId} onCloseShift={() => setClosing(true)} />;
}

function OpenShiftForm({ catalogue, online }: { catalogue: CachedCatalogue; online: boolean }) {
  const queryClient = useQueryClient();
  const currency = catalogue.register.currencyCode;
  const [text, setText] = useState('');
  const parsed = parseAmount(text, currency);
  const open = useMutation({
    mutationFn: (amount: string) => openShift(catalogue.register.id, amount),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: posKeys.catalogue(catalogue.register.id) }),
  });
  return (
    <Card withBorder padding="lg" maw={420} component="section" aria-labelledby="open-shift">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (parsed.kind === 'amount') open.mutate(parsed.decimal);
        }}
      >
        <Stack>
          <Title order={2} size="h3" id="open-shift">
            {t('pos.shift.open')}
          </Title>
          <Text size="sm">{t('pos.shift.openIntro')}</Text>
          <TextInput
            label={t('pos.shift.float')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            inputMode="decimal"
            size="lg"
            rightSection={<Text size="sm">{currency}</Text>}
            error={parsed.kind === 'invalid' ? t('pos.amountInvalid') : undefined}
            autoFocus
          />
          {!online && <Text c="dimmed">{t('pos.shift.needsServer')}</Text>}
          {open.isError && (
            <Alert color="red" role="alert">
              {isProblem(open.error) ? open.error.message : t('pos.shift.needsServer')}
            </Alert>
          )}
          <Button
            type="submit"
            size="lg"
            disabled={parsed.kind !== 'amount' || !online}
            loading={open.isPending}
          >
            {t('pos.shift.openSubmit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { fieldErrorsOf } from '../../api/problem';
import { t } from '../../i18n/i18n';
import { orderActions, type SalesOrder } from './api';
import { ProblemAlert } from './problem-alert';

/** Mails the quotation or confirmation PDF to the customer's address, or to the one typed. */
export function SendDialog({ order }: { order: SalesOrder }) {
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const send = useMutation({ mutationFn: () => orderActions.send(order.id, to.trim() || undefined) });
  const toError = send.isError ? fieldErrorsOf(send.error).to : undefined;
  return (
    <>
      <Button
        variant="default"
        onClick={() => {
          send.reset();
          setOpen(true);
        }}
      >
        {t('sales.action.send')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('sales.send.title', { number: order.number })}
        closeButtonProps={{ 'aria-label': t('app.close') }}
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
          noValidate
        >
          <Stack>
            <TextInput
              label={t('sales.send.to')}
              description={t('sales.send.toHint')}
              type="email"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={toError}
            />
            {send.isError && !toError && <ProblemAlert error={send.error} />}
            {send.isSuccess && (
              <Alert color="green" role="status">
                <Text size="sm">{t('sales.send.sent', { to: send.data.to, file: send.data.filename })}</Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('app.close')}
              </Button>
              <Button type="submit" loading={send.isPending} disabled={send.isSuccess}>
                {t('sales.send.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

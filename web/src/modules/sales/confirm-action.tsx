import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../i18n/i18n';
import type { SalesOrder } from './api';
import { ProblemAlert } from './problem-alert';
import { useOrderAction } from './use-order-action';

type ConfirmActionProps = {
  /** The button that opens the question. */
  label: string;
  /** What will happen, asked before it does. */
  question: string;
  run: () => Promise<SalesOrder>;
  color?: string;
  variant?: 'filled' | 'default' | 'light';
};

/** A button that asks first, then runs the command; a refusal's detail stays in the dialog. */
export function ConfirmAction({ label, question, run, color, variant = 'default' }: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  const action = useOrderAction(run, () => setOpen(false));
  const close = () => {
    setOpen(false);
    action.reset();
  };
  return (
    <>
      <Button variant={variant} color={color} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        opened={open}
        onClose={close}
        title={label}
        closeButtonProps={{ 'aria-label': t('app.close') }}
        centered
      >
        <Stack>
          <Text size="sm">{question}</Text>
          {action.isError && <ProblemAlert error={action.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('sales.action.back')}
            </Button>
            <Button color={color} loading={action.isPending} onClick={() => action.mutate(undefined)}>
              {label}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

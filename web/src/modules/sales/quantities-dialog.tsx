import { Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldErrorsOf, isProblem } from '../../api/problem';
import { t } from '../../i18n/i18n';
import type { LineQuantity, SalesOrder } from './api';
import { ProblemAlert } from './problem-alert';
import { lineOfDetail } from './quotation-draft';
import { useOrderAction } from './use-order-action';

export type ChoosableLine = { lineNo: number; description: string; available: string };

type QuantitiesDialogProps = {
  label: string;
  intro: string;
  lines: ChoosableLine[];
  /** Ask why (returns); the reason is sent with the quantities. */
  withReason?: boolean;
  run: (lines: LineQuantity[], reason: string) => Promise<SalesOrder>;
  disabled?: boolean;
};

const QUANTITY = /^\d{1,12}(\.\d{1,6})?$/;

/** Chosen quantities per order line (what to deliver, what came back); errors beside their line. */
export function QuantitiesDialog({ label, intro, lines, withReason, run, disabled }: QuantitiesDialogProps) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useOrderAction(
    (args: { lines: LineQuantity[]; reason: string }) => run(args.lines, args.reason),
    () => setOpen(false),
  );

  function start() {
    setTyped({});
    setReason('');
    setErrors({});
    action.reset();
    setOpen(true);
  }

  async function submit() {
    const chosen: LineQuantity[] = [];
    const found: Record<string, string> = {};
    for (const line of lines) {
      const text = (typed[line.lineNo] ?? '').trim();
      // Blank or zero: that line is left out.
      if (text === '' || (QUANTITY.test(text) && !/[1-9]/.test(text))) continue;
      if (!QUANTITY.test(text)) found[`line.${line.lineNo}`] = t('sales.quantities.invalid');
      else chosen.push({ lineNo: line.lineNo, quantity: text });
    }
    if (chosen.length === 0 && Object.keys(found).length === 0) found.form = t('sales.quantities.none');
    if (withReason && reason.trim() === '') found.reason = t('form.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await action.mutateAsync({ lines: chosen, reason: reason.trim() });
    } catch (error) {
      // A refusal about one line names its index in what was sent.
      const line = isProblem(error) ? lineOfDetail(error.problem.detail) : null;
      const lineNo = line ? chosen[line.index]?.lineNo : undefined;
      const fields = fieldErrorsOf(error);
      setErrors({
        ...(lineNo !== undefined && line ? { [`line.${lineNo}`]: line.message } : {}),
        ...(fields.reason ? { reason: fields.reason } : {}),
      });
    }
  }

  const lineFailed = Object.keys(errors).some((k) => k.startsWith('line.'));
  return (
    <>
      <Button variant="default" onClick={start} disabled={disabled}>
        {label}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={label}
        size="lg"
        closeButtonProps={{ 'aria-label': t('app.close') }}
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          noValidate
        >
          <Stack>
            <Text size="sm">{intro}</Text>
            {action.isError && !lineFailed && <ProblemAlert error={action.error} />}
            {errors.form && (
              <Text c="red" size="sm" role="alert">
                {errors.form}
              </Text>
            )}
            <Table aria-label={label} verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sales.col.item')}</Table.Th>
                  <Table.Th ta="right">{t('sales.quantities.available')}</Table.Th>
                  <Table.Th w={160}>{t('sales.col.quantity')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((line) => (
                  <Table.Tr key={line.lineNo}>
                    <Table.Td>{line.description}</Table.Td>
                    <Table.Td ta="right">{line.available}</Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('sales.quantities.of', { item: line.description })}
                        inputMode="decimal"
                        autoComplete="off"
                        value={typed[line.lineNo] ?? ''}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setTyped((current) => ({ ...current, [line.lineNo]: value }));
                        }}
                        error={errors[`line.${line.lineNo}`]}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {withReason && (
              <Textarea
                label={t('sales.return.reason')}
                required
                autosize
                minRows={2}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={errors.reason}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('sales.action.back')}
              </Button>
              <Button type="submit" loading={action.isPending}>
                {label}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

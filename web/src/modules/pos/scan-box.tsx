import { Button, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { checkGtin } from '@shared/gs1.ts';
import { forwardRef, useMemo, useState } from 'react';
import { t } from '../../i18n/i18n';
import { formatDecimal } from '../../i18n/money';
import type { TillItem } from './api';

const BARCODE_LENGTHS = new Set([8, 12, 13, 14]);
const MAX_SHOWN = 12;

function matching(items: TillItem[], text: string): TillItem[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return items.slice(0, MAX_SHOWN);
  return items
    .filter((i) => i.name.toLowerCase().includes(needle) || i.sku.toLowerCase().includes(needle))
    .slice(0, MAX_SHOWN);
}

type Props = { items: TillItem[]; currency: string; onAdd: (item: TillItem) => void };

/**
 * One field for the scanner and the keyboard: a scanner types a GTIN's digits and Enter (checked
 * with the GS1 check digit, then found by barcode); anything else searches names and SKUs.
 * Matches show as big buttons for touch.
 */
export const ScanBox = forwardRef<HTMLInputElement, Props>(function ScanBox({ items, currency, onAdd }, ref) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const shown = useMemo(() => matching(items, text), [items, text]);
  const add = (item: TillItem) => {
    onAdd(item);
    setText('');
    setMessage({ error: false, text: t('pos.scan.added', { name: item.name }) });
  };
  const submit = () => {
    const code = text.trim();
    if (!code) return;
    if (/^\d+$/.test(code) && BARCODE_LENGTHS.has(code.length)) {
      const check = checkGtin(code);
      if (!check.valid)
        return setMessage({ error: true, text: t('pos.scan.badCheckDigit', { code, reason: check.reason }) });
      const item = items.find((i) => i.barcode === code);
      if (!item) return setMessage({ error: true, text: t('pos.scan.unknown', { code }) });
      return add(item);
    }
    const found = matching(items, code);
    if (found.length === 1) return add(found[0]!);
    if (found.length === 0) setMessage({ error: true, text: t('pos.scan.noMatch', { text: code }) });
  };
  return (
    <Stack gap="sm">
      <TextInput
        ref={ref}
        label={t('pos.scan')}
        description={t('pos.scanHint')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            submit();
          }
        }}
        error={message?.error ? message.text : undefined}
        size="lg"
        autoComplete="off"
        autoFocus
      />
      <Text size="sm" role="status" aria-live="polite">
        {message && !message.error ? message.text : ''}
      </Text>
      <section aria-label={text ? t('pos.results') : t('pos.quickPick')}>
        <SimpleGrid cols={{ base: 2, md: 3, lg: 4 }} spacing="xs">
          {shown.map((item) => (
            <Button
              key={item.variantId}
              variant="default"
              h="auto"
              mih={72}
              py="xs"
              onClick={() => add(item)}
              styles={{
                label: { whiteSpace: 'normal', textAlign: 'left' },
                inner: { justifyContent: 'flex-start' },
              }}
            >
              <span>
                {item.name}
                <br />
                <Text span size="sm">
                  {formatDecimal(item.unitPrice, currency)}
                </Text>
              </span>
            </Button>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
});

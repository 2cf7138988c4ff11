import { Alert, Badge, Group, Text } from '@mantine/core';
import { formatDateTime, t } from '../../i18n/i18n';
import type { QueuedSale } from './sale-queue';

/** Whether the till reaches the server, and how many sales wait to be sent. */
export function StatusBar({
  online,
  queued,
  cachedAt,
  flagged,
}: {
  online: boolean;
  queued: QueuedSale[];
  cachedAt: string | null;
  flagged: number;
}) {
  const refused = queued.filter((sale) => sale.refusal);
  const waiting = queued.length - refused.length;
  return (
    <>
      <Group gap="sm" role="status" aria-live="polite" data-testid="pos-status">
        {online ? (
          <Badge color="teal.9" variant="filled" size="lg">
            {waiting > 0 ? t('pos.onlineQueued', { count: waiting }) : t('pos.online')}
          </Badge>
        ) : (
          <Badge color="red.9" variant="filled" size="lg">
            {t('pos.offline', { count: waiting })}
          </Badge>
        )}
        {cachedAt && (
          <Text size="sm" c="dimmed">
            {t('pos.fromCache', { date: formatDateTime(cachedAt) })}
          </Text>
        )}
      </Group>
      {flagged > 0 && (
        <Alert color="yellow" role="status">
          {t('pos.flaggedSynced', { count: flagged })}
        </Alert>
      )}
      {refused.length > 0 && (
        <Alert color="red" role="alert">
          {t('pos.refusedQueued', { count: refused.length, reason: refused[0]!.refusal! })}
        </Alert>
      )}
    </>
  );
}

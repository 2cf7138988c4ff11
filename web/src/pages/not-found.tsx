import { Text, Title } from '@mantine/core';
import { t } from '../i18n/i18n';

export function NotFoundPage() {
  return (
    <>
      <Title order={1} size="h2">
        404
      </Title>
      <Text>{t('app.notFound')}</Text>
    </>
  );
}

import { Alert, Button, Container } from '@mantine/core';
import { useRouteError } from 'react-router';
import { t } from '../i18n/i18n';

export function RouteError() {
  const error = useRouteError();
  return (
    <Container size="sm" py="xl">
      <Alert color="red" title={t('app.error')} role="alert">
        {error instanceof Error ? error.message : String(error)}
        <Button mt="md" variant="light" onClick={() => window.location.reload()}>
          {t('app.retry')}
        </Button>
      </Alert>
    </Container>
  );
}

import { Alert, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Outlet } from 'react-router';
import { isProblem } from '../../api/problem';
import { t } from '../../i18n/i18n';
import { settingsQuery } from './api';
import { SetupCard } from './setup-card';

/**
 * The frame of every accounting screen: until the company has set accounting up (GET /settings
 * answers 409 accounting.not_set_up), each of them shows the setup card instead.
 */
export function AccountingLayout() {
  const settings = useQuery(settingsQuery);
  if (settings.isPending) return <Loader aria-label={t('app.loading')} />;
  if (isProblem(settings.error, 'accounting.not_set_up')) return <SetupCard />;
  if (settings.isError)
    return (
      <Alert color="red" role="alert">
        {isProblem(settings.error) && settings.error.status === 403
          ? t('app.forbidden')
          : settings.error.message}
      </Alert>
    );
  return <Outlet />;
}

import { Alert } from '@mantine/core';
import { isProblem } from '../../api/problem';
import { t } from '../../i18n/i18n';

/** A refusal as the server worded it: its title, and its detail (who would owe what, and so on). */
export function ProblemAlert({ error }: { error: unknown }) {
  const title = isProblem(error) ? error.problem.title : t('sales.action.refused');
  const detail = isProblem(error) ? error.problem.detail : error instanceof Error ? error.message : undefined;
  return (
    <Alert color="red" role="alert" title={title} data-testid="action-error">
      {detail}
    </Alert>
  );
}

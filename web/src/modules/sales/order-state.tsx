import { Badge } from '@mantine/core';
import { t } from '../../i18n/i18n';
import type { OrderState } from './api';

const COLOURS: Record<OrderState, string> = {
  quotation: 'gray',
  confirmed: 'blue',
  done: 'green',
  cancelled: 'red',
};

export const stateLabel = (state: OrderState) => t(`sales.state.${state}`);

export function OrderStateBadge({ state }: { state: OrderState }) {
  return (
    <Badge color={COLOURS[state]} variant="light">
      {stateLabel(state)}
    </Badge>
  );
}

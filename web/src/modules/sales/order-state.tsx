import { Badge } from '@mantine/core';
import { t } from '../../i18n/i18n';
import type { OrderState } from './api';

// Filled shades whose white text passes WCAG AA contrast (4.5:1) in both themes.
const COLOURS: Record<OrderState, string> = {
  quotation: 'gray.7',
  confirmed: 'blue.8',
  done: 'teal.9',
  cancelled: 'red.9',
};

export const stateLabel = (state: OrderState) => t(`sales.state.${state}`);

export function OrderStateBadge({ state }: { state: OrderState }) {
  return <Badge color={COLOURS[state]}>{stateLabel(state)}</Badge>;
}

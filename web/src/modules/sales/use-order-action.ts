import { useMutation, useQueryClient } from '@tanstack/react-query';
import { orderKeys, type SalesOrder } from './api';

/** Runs a command on an order; its answer (the order as it now is) replaces what is shown. */
export function useOrderAction<A>(run: (args: A) => Promise<SalesOrder>, onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.one(order.id), order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['accounting.invoice'] });
      onDone?.();
    },
  });
}

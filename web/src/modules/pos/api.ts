import { queryOptions } from '@tanstack/react-query';
import { api, idempotencyKey, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { isNetworkError, setOnline } from './connectivity';
import { idbGet, idbPut } from './idb';

export type Register = components['schemas']['PosRegister'];
export type TillCatalogue = components['schemas']['PosTillCatalogue'];
export type TillItem = TillCatalogue['items'][number];
export type Sale = components['schemas']['PosSale'];
export type ShiftReport = components['schemas']['PosShiftReport'];
export type SaleBody = paths['/api/v1/pos/sales']['post']['requestBody']['content']['application/json'];
export type CloseShiftBody =
  paths['/api/v1/pos/shifts/{id}/close']['post']['requestBody']['content']['application/json'];

export const posKeys = {
  all: ['pos.sale'] as const,
  registers: ['pos.register', 'list'] as const,
  catalogue: (registerId: string) => ['pos.register', 'catalogue', registerId] as const,
  report: (shiftId: string) => ['pos.shift', 'report', shiftId] as const,
};

/** Runs a call to the server, noting whether it answered at all. */
export async function reach<T>(call: () => Promise<T>): Promise<T> {
  try {
    const result = await call();
    setOnline(true);
    return result;
  } catch (error) {
    if (isNetworkError(error)) setOnline(false);
    else setOnline(true);
    throw error;
  }
}

export const registersQuery = queryOptions({
  queryKey: posKeys.registers,
  queryFn: async () => {
    try {
      const { data } = await reach(() => unwrap(api.GET('/api/v1/pos/registers')));
      await idbPut('catalogues', data, 'registers');
      return data;
    } catch (error) {
      const cached = isNetworkError(error) ? await idbGet<Register[]>('catalogues', 'registers') : undefined;
      if (cached) return cached;
      throw error;
    }
  },
});

export type CachedCatalogue = TillCatalogue & { fromCache: boolean };

// Network first: the server's prices when it answers (kept for later), the last ones kept when not.
export const catalogueQuery = (registerId: string) =>
  queryOptions({
    queryKey: posKeys.catalogue(registerId),
    queryFn: async (): Promise<CachedCatalogue> => {
      try {
        const catalogue = await reach(() =>
          unwrap(api.GET('/api/v1/pos/registers/{id}/catalogue', { params: { path: { id: registerId } } })),
        );
        await idbPut('catalogues', catalogue, registerId);
        return { ...catalogue, fromCache: false };
      } catch (error) {
        const cached = isNetworkError(error)
          ? await idbGet<TillCatalogue>('catalogues', registerId)
          : undefined;
        if (cached) return { ...cached, fromCache: true };
        throw error;
      }
    },
    retry: false,
  });

export const reportQuery = (shiftId: string) =>
  queryOptions({
    queryKey: posKeys.report(shiftId),
    queryFn: () =>
      reach(() => unwrap(api.GET('/api/v1/pos/shifts/{id}/report', { params: { path: { id: shiftId } } }))),
    staleTime: 0,
    retry: false,
  });

export function openShift(registerId: string, openingFloat: string) {
  return reach(() =>
    unwrap(
      api.POST('/api/v1/pos/shifts', {
        body: { registerId, openingFloat },
        headers: { 'idempotency-key': idempotencyKey() },
      }),
    ),
  );
}

export function closeShift(shiftId: string, body: CloseShiftBody) {
  return reach(() =>
    unwrap(
      api.POST('/api/v1/pos/shifts/{id}/close', {
        params: { path: { id: shiftId } },
        body,
        headers: { 'idempotency-key': idempotencyKey() },
      }),
    ),
  );
}

// The client sale id is the sale's idempotency key for ever (the server records it once).
export function postSale(body: SaleBody) {
  return reach(() => unwrap(api.POST('/api/v1/pos/sales', { body })));
}

/** The server's receipt, as printable HTML. */
export function receiptHtml(saleId: string) {
  return reach(() =>
    unwrap(api.GET('/api/v1/pos/sales/{id}/receipt', { params: { path: { id: saleId } }, parseAs: 'text' })),
  ) as Promise<string>;
}

import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { withTx } from '../../platform/db/tx.ts';
import { newId } from '../../platform/ids.ts';
import { createCategory, variantsForStock } from './index.ts';

const t = useTestApp();
let admin: Member;

beforeAll(async () => {
  admin = await createMember(t.database);
});

const post = (payload: unknown, member = admin) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/catalog/products',
    headers: member.auth,
    payload: payload as object,
  });
const get = (url: string, member = admin) => t.app.inject({ method: 'GET', url, headers: member.auth });

const tee = {
  name: 'Organic Cotton Tee',
  kind: 'stockable',
  currencyCode: 'EUR',
  salePrice: '24.90',
  costPrice: '9.5',
  variants: [
    { sku: 'TEE-S', barcode: '4006381333931', options: { size: 'S' } },
    { sku: 'TEE-M', barcode: '5901234123457', options: { size: 'M' }, salePrice: '26.90' },
  ],
};

describe('products', () => {
  it('are created with their variants, prices kept exact, each variant with its effective price', async () => {
    const response = await post(tee);
    expect(response.statusCode).toBe(201);
    const product = response.json();
    expect(product).toMatchObject({
      name: 'Organic Cotton Tee',
      unitCode: 'C62',
      salePrice: '24.900000',
      version: 1,
    });
    expect(product.variants.map((v: { sku: string; salePrice: string }) => [v.sku, v.salePrice])).toEqual([
      ['TEE-S', '24.900000'],
      ['TEE-M', '26.900000'],
    ]);
  });

  it('refuse a barcode whose GS1 check digit is wrong, naming the field, writing nothing', async () => {
    const before = await databaseFingerprint(t.database);
    const response = await post({
      ...tee,
      name: 'Bad code',
      variants: [{ sku: 'BAD-1', barcode: '4006381333932' }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'catalog.barcode_invalid',
      errors: [{ path: 'body.variants.0.barcode', message: 'the check digit should be 1' }],
    });
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('refuse a SKU or barcode another variant has', async () => {
    const sku = await post({ ...tee, name: 'Dup', variants: [{ sku: 'TEE-S' }] });
    expect(sku.statusCode).toBe(409);
    expect(sku.json().code).toBe('catalog.sku_taken');
    const barcode = await post({
      ...tee,
      name: 'Dup',
      variants: [{ sku: 'NEW-1', barcode: '4006381333931' }],
    });
    expect(barcode.json().code).toBe('catalog.barcode_taken');
  });

  it('refuse prices that are not exact decimals and unknown currencies', async () => {
    expect((await post({ ...tee, salePrice: 24.9 })).statusCode).toBe(400);
    expect((await post({ ...tee, salePrice: '1e3' })).statusCode).toBe(400);
    expect(
      (await post({ ...tee, name: 'X', currencyCode: 'XYZ', variants: [{ sku: 'XYZ-1' }] })).json().code,
    ).toBe('catalog.currency_unknown');
  });

  it('are found by barcode, SKU or any part of the name; a scanned barcode comes first', async () => {
    await post({ ...tee, name: 'Barcode Mug', variants: [{ sku: 'MUG-1', barcode: '96385074' }] });
    const byName = (await get('/api/v1/catalog/search?q=cotton')).json();
    expect(byName.data.map((h: { sku: string }) => h.sku)).toEqual(['TEE-M', 'TEE-S']);
    const bySku = (await get('/api/v1/catalog/search?q=mug-1')).json();
    expect(bySku.data[0]).toMatchObject({ sku: 'MUG-1', productName: 'Barcode Mug' });
    const scanned = await get('/api/v1/catalog/barcodes/96385074');
    expect(scanned.json()).toMatchObject({ sku: 'MUG-1', barcode: '96385074' });
    const misread = await get('/api/v1/catalog/barcodes/96385075');
    expect(misread.statusCode).toBe(422);
    expect(misread.json().code).toBe('catalog.barcode_invalid');
    expect((await get('/api/v1/catalog/barcodes/73513537')).statusCode).toBe(404);
  });

  it('are changed with optimistic concurrency and invisible to other companies', async () => {
    const product = (await post({ ...tee, name: 'Versioned', variants: [{ sku: 'VER-1' }] })).json();
    const url = `/api/v1/catalog/products/${product.id}`;
    const changed = await t.app.inject({
      method: 'PATCH',
      url,
      headers: admin.auth,
      payload: { version: 1, salePrice: '19.99' },
    });
    expect(changed.json()).toMatchObject({ version: 2, salePrice: '19.990000' });
    const stale = await t.app.inject({
      method: 'PATCH',
      url,
      headers: admin.auth,
      payload: { version: 1, salePrice: '1' },
    });
    expect(stale.statusCode).toBe(409);
    const outsider = await createMember(t.database);
    expect((await get(url, outsider)).statusCode).toBe(404);
    expect((await get('/api/v1/catalog/search?q=versioned', outsider)).json().data).toEqual([]);
  });
});

describe('categories', () => {
  it('carry the valuation method inventory reads with the cost price; a variant without one is at average', async () => {
    const ctx = { companyId: admin.companyId, actor: { type: 'user' as const, id: admin.userId } };
    const fifo = await withTx(t.database, ctx, (tx) =>
      createCategory(tx, { name: 'Perishables', valuation: 'fifo' }),
    );
    const made = async (categoryId?: string) =>
      (
        await post({
          ...tee,
          name: `Tee ${categoryId ?? 'plain'}`,
          categoryId,
          variants: [{ sku: `C-${newId()}` }],
        })
      ).json().variants[0].id as string;
    const [inFifo, plain] = [await made(fifo.id), await made()];
    const items = await withTx(t.database, ctx, (tx) =>
      variantsForStock(tx.db, admin.companyId, [inFifo, plain]),
    );
    expect(items.get(inFifo)).toMatchObject({ valuation: 'fifo', categoryId: fifo.id, currencyCode: 'EUR' });
    expect(new Decimal(items.get(inFifo)!.costPrice!).toFixed()).toBe('9.5');
    expect(items.get(plain)).toMatchObject({ valuation: 'average', categoryId: null });
    const unknownParent = withTx(t.database, ctx, (tx) =>
      createCategory(tx, { name: 'Orphan', parentId: newId(), valuation: 'average' }),
    );
    await expect(unknownParent).rejects.toMatchObject({ code: 'catalog.category_not_found' });
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';
import {
  adminLogin,
  browserSkipReason,
  ensureWebAppBuilt,
  launchChromium,
  screenshot,
  seriousViolations,
  signIn,
  WAIT_MS,
  watchPage,
} from './support.ts';

// The sales screens against a real `tandem serve` on the demo data: a quotation made in the form,
// confirmed, delivered (invoiced with the delivery), part of it returned (credited); refusals
// shown beside what they concern. Run once, in the embedded-database run, like web-app.test.ts.
const skipReason = browserSkipReason('sales browser tests');

type Json = Record<string, unknown> & { data?: unknown[] };
type Item = { variantId: string; sku: string; name: string };

/** The message shown beside a field, as tied to it for screen readers (aria-describedby). */
async function errorBeside(page: Page, field: Locator): Promise<string | null> {
  const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
  const id = ids.find((candidate) => candidate.endsWith('-error'));
  return id ? page.locator(`[id="${id}"]`).textContent() : null;
}

/** Types into a server-searched picker and takes the option whose label contains `option`. */
async function pick(page: Page, picker: Locator, text: string, option: string) {
  await picker.fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

describe.skipIf(skipReason !== undefined)(
  `the sales screens in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let dataDir: string;
    let server: RunningServer;
    let browser: Browser;
    let login: { email: string; password: string };
    let token: string;

    async function call(method: string, url: string, body?: unknown): Promise<Json> {
      const response = await fetch(`${server.url}/api/v1${url}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as Json;
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    }

    beforeAll(async () => {
      ensureWebAppBuilt();
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-web-sales-'));
      server = await startServer({ TANDEM_DATA_DIR: dataDir, TANDEM_EVENTS_POLL_MS: '200' }, 240_000);
      login = adminLogin(server.output());
      const session = await fetch(`${server.url}/api/v1/auth/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(login),
      });
      token = ((await session.json()) as { token: string }).token;
      browser = await launchChromium();
    }, 400_000);
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    /** Two demo customers, the main warehouse, and two stockable items it has at least 3 of. */
    async function demoData() {
      const customers = (await call('GET', '/crm/parties?role=customer&sort=name&limit=10')).data as {
        id: string;
        name: string;
        version: number;
      }[];
      const warehouse = (
        (await call('GET', '/inventory/warehouses')).data as { id: string; code: string }[]
      ).find((w) => w.code === 'WH')!;
      const stock = (await call('GET', `/inventory/stock?warehouseId=${warehouse.id}`)).data as {
        variantId: string;
        available: string;
      }[];
      const products = (await call('GET', '/catalog/products?kind=stockable&limit=200')).data as {
        name: string;
        variants: { id: string; sku: string }[];
      }[];
      const items: Item[] = [];
      for (const product of products)
        for (const variant of product.variants) {
          const level = stock.find((s) => s.variantId === variant.id);
          if (level && Number(level.available) >= 3 && items.length < 2)
            items.push({ variantId: variant.id, sku: variant.sku, name: product.name });
        }
      if (items.length < 2) throw new Error('the demo has no two items in stock at WH');
      return { customer: customers[0]!, other: customers[1]!, warehouse, items };
    }

    it('makes a quotation, confirms, delivers, sees the invoice, returns goods and sees the credit note', {
      timeout: 120_000,
    }, async () => {
      const { customer, items } = await demoData();
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: 'en-US',
        acceptDownloads: true,
      });
      const page = await signIn(context, server.url, login.email, login.password);
      const problems = watchPage(page);

      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Orders' })
        .click();
      await page.getByRole('heading', { name: 'Sales orders', level: 1 }).waitFor();
      const list = page.getByRole('table', { name: 'Sales orders' });
      await list.locator('tbody tr').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'sales-01-orders');

      await page.getByRole('link', { name: 'New quotation' }).click();
      await page.getByRole('heading', { name: 'New quotation', level: 1 }).waitFor();
      // Saving without a customer: the refusal sits beside the customer.
      await page.getByRole('button', { name: 'Save quotation' }).click();
      const customerField = page.getByRole('textbox', { name: 'Customer', exact: true });
      await page.getByText('Some fields need attention.').waitFor();
      expect(await errorBeside(page, customerField)).toBe('Required');

      await pick(page, customerField, customer.name, customer.name);
      const warehouse = page.getByRole('textbox', { name: 'Deliver from' });
      if (!(await warehouse.inputValue()).startsWith('WH')) {
        await warehouse.click();
        await page.getByRole('option', { name: /^WH · / }).click();
      }
      await page.getByRole('textbox', { name: 'Customer reference' }).fill('PO-BROWSER-1');
      await pick(page, page.getByRole('textbox', { name: 'Item, line 1' }), items[0]!.sku, items[0]!.sku);
      await page.getByRole('textbox', { name: 'Quantity, line 1' }).fill('2');
      await page.getByRole('button', { name: 'Add a line' }).click();
      await pick(page, page.getByRole('textbox', { name: 'Item, line 2' }), items[1]!.sku, items[1]!.sku);
      await page.getByRole('textbox', { name: 'Discount %, line 2' }).fill('10');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'sales-02-new-quotation');
      await page.getByRole('button', { name: 'Save quotation' }).click();

      await page.getByRole('heading', { name: /^Quotation SO\//, level: 1 }).waitFor();
      const lines = page.getByRole('table', { name: 'Order lines' });
      expect(await lines.locator('tbody tr').count()).toBe(2);
      expect(await page.getByTestId('order-total').textContent()).toMatch(/\d/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'sales-03-quotation');

      const actions = page.getByRole('group', { name: 'Order actions' });
      await actions.getByRole('button', { name: 'Confirm' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
      await page.getByRole('heading', { name: /^Order SO\//, level: 1 }).waitFor();
      expect(
        await lines.locator('tbody tr').first().locator('[data-cell="quantityReserved"]').textContent(),
      ).toBe('2');

      // The confirmation as a PDF download, and by email to the customer's own address.
      const download = page.waitForEvent('download');
      await actions.getByRole('button', { name: 'Download confirmation PDF' }).click();
      expect((await download).suggestedFilename()).toMatch(/^SO-\d{4}-\d+\.pdf$/);
      await actions.getByRole('button', { name: 'Send by email' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
      await page
        .getByRole('dialog')
        .getByText(/^Sent to \S+@\S+ with /)
        .waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).first().click();

      await actions.getByRole('button', { name: 'Deliver everything available' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Deliver everything available' }).click();
      const deliveries = page.getByRole('table', { name: 'Deliveries' });
      await deliveries.locator('tbody tr').first().waitFor();
      // Invoiced with the delivery (the quotation invoices each delivery).
      const invoices = page.getByRole('table', { name: 'Invoices and credit notes' });
      await invoices.getByRole('cell', { name: 'Invoice', exact: true }).waitFor();
      expect(await invoices.getByRole('link').first().textContent()).toMatch(/\//);

      await deliveries.getByRole('button', { name: /^Slip / }).click();
      await page.getByRole('dialog').locator('iframe').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

      // A return of more than was delivered is refused beside that line.
      await actions.getByRole('button', { name: 'Return goods' }).click();
      const dialog = page.getByRole('dialog');
      const returned = dialog.getByRole('textbox', { name: `Quantity of ${items[0]!.name}` }).first();
      await returned.fill('5');
      await dialog.getByRole('textbox', { name: /^Reason/ }).fill('Wrong size');
      await dialog.getByRole('button', { name: 'Return goods' }).click();
      await expect
        .poll(() => errorBeside(page, returned), { timeout: WAIT_MS })
        .toMatch(/2 delivered and not yet returned/);
      await screenshot(page, 'sales-04-return-refused');
      await returned.fill('1');
      await dialog.getByRole('button', { name: 'Return goods' }).click();
      await page.getByRole('table', { name: 'Returns' }).locator('tbody tr').first().waitFor();
      await invoices.getByRole('cell', { name: 'Credit note', exact: true }).waitFor();
      expect(
        await lines.locator('tbody tr').first().locator('[data-cell="quantityReturned"]').textContent(),
      ).toBe('1');
      // The dialog fades out; axe would read its half-transparent button as poor contrast.
      await dialog.waitFor({ state: 'detached' });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'sales-05-order-returned');

      // The customer's record lists the order and its invoices, and an open balance.
      await page.getByTestId('order-header').getByRole('link', { name: customer.name }).click();
      const sales = page.getByRole('region', { name: 'Sales' });
      await sales.getByRole('link', { name: /^SO\// }).first().waitFor();
      await sales
        .getByRole('table', { name: 'Invoices' })
        .getByRole('cell', { name: 'Credit note' })
        .first()
        .waitFor();
      await expect
        .poll(() => page.getByTestId('customer-balance').textContent(), { timeout: WAIT_MS })
        .toMatch(/\d/);
      await screenshot(page, 'sales-06-customer');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('shows a confirmation over the credit limit refused, with what the customer would owe', {
      timeout: 60_000,
    }, async () => {
      const { other, warehouse, items } = await demoData();
      const order = await call('POST', '/sales/orders', {
        customerId: other.id,
        warehouseId: warehouse.id,
        lines: [{ variantId: items[0]!.variantId, quantity: '1' }],
      });
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      const page = await signIn(context, server.url, login.email, login.password);
      // The limit is set on the customer's record, as a person would.
      await page.goto(`${server.url}/crm/parties/${other.id}`);
      await page.getByRole('textbox', { name: 'Credit limit' }).fill('1.00');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect
        .poll(async () => (await call('GET', `/crm/parties/${other.id}`)).creditLimit, { timeout: WAIT_MS })
        .toMatch(/^1(\.0+)?$/);
      await page.goto(`${server.url}/sales/orders/${order.id}`);
      await page.getByRole('heading', { name: `Quotation ${order.number}`, level: 1 }).waitFor();
      await page
        .getByRole('group', { name: 'Order actions' })
        .getByRole('button', { name: 'Confirm' })
        .click();
      await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
      const refusal = page.getByRole('dialog').getByTestId('action-error');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('credit limit');
      expect(await refusal.textContent()).toContain(`${other.name} would owe`);
      await screenshot(page, 'sales-07-credit-limit');
      await context.close();
    });
  },
);

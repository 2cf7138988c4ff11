import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

// The register screen against a real `tandem serve` on the demo data: a sale online, then the
// server process stopped, a sale made offline and queued, the server started again on the same
// database and the queue synced; the books are checked through the API.
const skipReason = browserSkipReason('POS browser tests');

/** A port free now, so the server can come back on the same origin (service worker, storage). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

type Json = Record<string, unknown> & { data?: unknown[] };

describe.skipIf(skipReason !== undefined)(
  `the POS register screen in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let dataDir: string;
    let port: number;
    let server: RunningServer;
    let browser: Browser;
    let login: { email: string; password: string };
    let token: string;

    const env = () => ({ TANDEM_DATA_DIR: dataDir, PORT: String(port), TANDEM_EVENTS_POLL_MS: '200' });

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
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-web-pos-'));
      port = await freePort();
      server = await startServer(env(), 240_000);
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

    /** A till of its own at the demo's Paris shop, and an item there with a barcode and stock. */
    async function tillWithStock() {
      const shop = ((await call('GET', '/inventory/warehouses')).data as { id: string; code: string }[]).find(
        (w) => w.code === 'PAR',
      )!;
      const register = await call('POST', '/pos/registers', {
        code: 'T9',
        name: 'Test till',
        warehouseId: shop.id,
      });
      const catalogue = await call('GET', `/pos/registers/${register.id}/catalogue`);
      const items = catalogue.items as {
        variantId: string;
        name: string;
        barcode: string | null;
        unitPrice: string;
      }[];
      for (const item of items.filter((i) => i.barcode)) {
        const onHand = await stockOf(item.variantId, register.stockLocationId as string);
        if (onHand >= 3)
          return { register, item, stockLocationId: register.stockLocationId as string, onHand };
      }
      throw new Error('no item with a barcode and stock at the Paris shop');
    }

    async function stockOf(variantId: string, locationId: string): Promise<number> {
      const levels = (await call('GET', `/inventory/stock?variantId=${variantId}&locationId=${locationId}`))
        .data as { onHand: string }[];
      return Number(levels[0]?.onHand ?? '0');
    }

    async function scan(page: Page, barcode: string, name: string, { focusFirst = true } = {}) {
      const box = page.getByRole('textbox', { name: 'Scan or search' });
      if (focusFirst) await box.focus();
      // Or focus on nothing in particular: what a scanner types still goes to the scan box.
      else await page.getByRole('heading', { name: 'Point of sale', level: 1 }).click();
      // As a scanner does: the digits, then Enter.
      await page.keyboard.type(barcode, { delay: 5 });
      await page.keyboard.press('Enter');
      await page.getByRole('table', { name: 'Sale' }).getByRole('rowheader', { name }).waitFor();
    }

    it('sells online, keeps selling with the server stopped, and syncs once it is back', {
      timeout: 180_000,
    }, async () => {
      const { register, item, stockLocationId, onHand } = await tillWithStock();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      const page = await signIn(context, server.url, login.email, login.password);
      const problems = watchPage(page);

      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Register' })
        .click();
      await page.getByRole('heading', { name: 'Point of sale', level: 1 }).waitFor();
      await page.getByRole('textbox', { name: 'Register' }).click();
      await page.getByRole('option', { name: 'T9 · Test till' }).click();
      await page.getByRole('textbox', { name: 'Counted float' }).fill('100.00');
      await page.getByRole('button', { name: 'Open shift' }).click();

      // A misread barcode fails its GS1 check digit and adds nothing.
      const code = item.barcode!;
      const misread = `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}`;
      await page.getByRole('textbox', { name: 'Scan or search' }).fill(misread);
      await page.keyboard.press('Enter');
      await page
        .getByText(`Barcode ${misread} is not valid: the check digit should be ${code.at(-1)}.`)
        .waitFor();
      await page.getByRole('textbox', { name: 'Scan or search' }).fill('');

      // Online: scan, pay cash, see the change and the receipt.
      await scan(page, item.barcode!, item.name);
      const priceMinor = Math.round(Number(item.unitPrice) * 100);
      await page.getByRole('textbox', { name: `Discount % on ${item.name}` }).fill('10');
      const total = page.getByTestId('pos-total');
      await total
        .getByText(/^€\d+\.\d\d$/)
        .filter({ hasNotText: `€${(priceMinor / 100).toFixed(2)}` })
        .waitFor();
      // The total the browser reckoned with the shared till code; the server's must be the same.
      const shownTotal = /€(\d+\.\d\d)/.exec((await total.textContent()) ?? '')![1]!;
      const totalMinor = Math.round(Number(shownTotal) * 100);
      const tenderedMinor = (Math.floor(totalMinor / 1000) + 1) * 1000;
      await page.getByRole('textbox', { name: 'Cash received' }).fill((tenderedMinor / 100).toFixed(2));
      const change = `Change: €${((tenderedMinor - totalMinor) / 100).toFixed(2)}`;
      await page.getByTestId('pos-change').getByText(change).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'pos-01-sale');
      await page.getByRole('button', { name: 'Complete sale' }).click();
      await page.getByText('Receipt T9-000001').waitFor();
      const receipt = page.frameLocator('iframe[title="Receipt T9-000001"]');
      await receipt.getByText('Receipt T9-000001').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'pos-02-receipt');
      await page.getByRole('button', { name: 'Next sale' }).click();

      // The server goes away: the till sells from its cache and queues the sale.
      expect(await server.stop()).toBe(0);
      await scan(page, item.barcode!, item.name, { focusFirst: false });
      // More than is left: the goods left the shop all the same, so the sale is recorded and flagged.
      await page.getByRole('textbox', { name: `Quantity of ${item.name}` }).fill(String(onHand));
      await total.getByText(`€${((priceMinor * onHand) / 100).toFixed(2)}`).waitFor();
      await page.getByRole('button', { name: 'Exact cash' }).click();
      await page.getByTestId('pos-change').getByText('Change: €0.00').waitFor();
      await page.getByRole('button', { name: 'Complete sale' }).click();
      await page.getByText('Recorded offline').waitFor();
      await page.getByTestId('pos-status').getByText('Offline — 1 sales queued').waitFor();
      // A reload with the server still down: the service worker serves the app, IndexedDB the rest.
      await page.reload();
      await page.getByTestId('pos-status').getByText('Offline — 1 sales queued').waitFor();
      await page.getByRole('textbox', { name: 'Scan or search' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'pos-03-offline');

      // Back on the same database: the queue drains by itself.
      server = await startServer(env(), 240_000);
      await page.getByTestId('pos-status').getByText('Online', { exact: true }).waitFor({ timeout: WAIT_MS });
      await page.getByText('1 synced sales sold more than the stock on hand').waitFor();
      await screenshot(page, 'pos-04-synced');

      const sales = (await call('GET', `/pos/sales?registerId=${register.id}`)).data as {
        id: string;
        offline: boolean;
        stockFlagged: boolean;
        clientSaleId: string;
        shiftId: string;
        total: string;
        lines: { unitPrice: string }[];
      }[];
      expect(sales).toHaveLength(2);
      expect(sales.map((s) => [s.offline, s.stockFlagged]).sort()).toEqual([
        [false, false],
        [true, true],
      ]);
      expect(new Set(sales.map((s) => s.clientSaleId)).size).toBe(2);
      expect(sales.find((sale) => !sale.offline)!.total).toBe(shownTotal);
      for (const sale of sales) {
        expect(Number(sale.lines[0]!.unitPrice)).toBe(Number(item.unitPrice));
        const entries = (await call('GET', `/accounting/entries?sourceType=pos.sale&sourceId=${sale.id}`))
          .data as unknown[];
        expect(entries).toHaveLength(1);
      }
      expect(await stockOf(item.variantId, stockLocationId)).toBe(-1);

      // The X report mid-shift, then the close: the drawer counted by denomination.
      await page.getByRole('button', { name: 'X report' }).click();
      const xReport = page.getByRole('dialog', { name: 'X report' });
      await xReport.getByRole('rowheader', { name: 'Expected cash' }).waitFor();
      expect(await xReport.getByRole('row', { name: /Sales/ }).first().textContent()).toContain('2');
      await page.keyboard.press('Escape');
      // Gone, not fading out: axe would read a half-transparent dialog as poor contrast.
      await xReport.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Close shift' }).click();
      await page.getByRole('textbox', { name: 'Number of €100.00' }).fill('1');
      const expected = `€${((10_000 + totalMinor + priceMinor * onHand) / 100).toFixed(2)}`;
      await page.getByTestId('pos-close-totals').getByText(expected).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'pos-05-close');
      await page.getByRole('button', { name: 'Close shift' }).click();
      await page.getByRole('heading', { name: 'Shift closed. Z report:' }).waitFor();
      const shiftId = sales[0]!.shiftId;
      const z = await call('GET', `/pos/shifts/${shiftId}/report`);
      expect(z).toMatchObject({ state: 'closed', countedCash: '100.00' });
      expect(Math.round(Number(z.variance) * 100)).toBe(-(totalMinor + priceMinor * onHand));
      await page.getByRole('button', { name: 'Back to the sale' }).click();
      await page.getByRole('button', { name: 'Open shift' }).waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });

    it('shows today’s takings on the home screen and moves them live when a till sells', {
      timeout: 120_000,
    }, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      const page = await signIn(context, server.url, login.email, login.password);
      const problems = watchPage(page);
      const figure = page.getByTestId('today-total');
      await figure.waitFor();
      const before = (await figure.textContent()) ?? '';
      const shop = ((await call('GET', '/inventory/warehouses')).data as { id: string; code: string }[]).find(
        (w) => w.code === 'PAR',
      )!;
      const register = await call('POST', '/pos/registers', {
        code: 'T8',
        name: 'Live till',
        warehouseId: shop.id,
      });
      const shift = await call('POST', '/pos/shifts', { registerId: register.id, openingFloat: '0.00' });
      const catalogue = await call('GET', `/pos/registers/${register.id}/catalogue`);
      const [item] = catalogue.items as { variantId: string; unitPrice: string }[];
      await call('POST', '/pos/sales', {
        registerId: register.id,
        shiftId: shift.id,
        clientSaleId: `live-${Date.now()}`,
        offline: true,
        lines: [{ variantId: item!.variantId, quantity: '1', unitPrice: item!.unitPrice }],
        payments: [{ method: 'card', amount: item!.unitPrice, reference: 'LIVE' }],
      });
      // No reload: the sale's event reaches the open screen through the live stream.
      await expect.poll(() => figure.textContent(), { timeout: WAIT_MS }).not.toBe(before);
      await page.getByRole('cell', { name: 'Live till' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'home-today');
      expect(problems).toEqual([]);
      await context.close();
    });
  },
);

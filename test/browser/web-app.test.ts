import { mkdtemp, rm } from 'node:fs/promises';
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
  waitForValue,
  watchPage,
} from './support.ts';

// The browser tests run once, in the embedded-database run, against a real `tandem serve`.
const skipReason = browserSkipReason('browser tests');

describe.skipIf(skipReason !== undefined)(
  `the web app in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let dataDir: string;
    let server: RunningServer;
    let browser: Browser;
    let login: { email: string; password: string };

    beforeAll(async () => {
      ensureWebAppBuilt();
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-web-'));
      server = await startServer({ TANDEM_DATA_DIR: dataDir }, 240_000);
      login = adminLogin(server.output());
      browser = await launchChromium();
    }, 400_000);
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
    });

    async function signedIn(): Promise<{ page: Page; problems: string[] }> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await signIn(context, server.url, login.email, login.password);
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Parties' })
        .click();
      await page.getByRole('heading', { name: 'Customers & suppliers' }).waitFor();
      return { page, problems: watchPage(page) };
    }

    it('signs in and shows the parties of the demo company', { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const problems = watchPage(page);
      page.setDefaultTimeout(WAIT_MS);
      await page.goto(`${server.url}/crm/parties`);
      await page.waitForURL(/\/sign-in/);
      await page.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, '01-sign-in');

      await page.getByLabel('Email').fill(login.email);
      await page.locator('input[type="password"]').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'The email or password is not right.' }).waitFor();

      await page.locator('input[type="password"]').fill(login.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/crm\/parties$/);
      await page.getByRole('heading', { name: 'Customers & suppliers' }).waitFor();
      await page.getByTestId('company-name').filter({ hasText: /\S/ }).waitFor();
      const table = page.getByRole('table', { name: 'Customers & suppliers' });
      await table.locator('tbody tr').nth(19).waitFor();
      expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(20);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, '02-parties-list');

      // Keyboard: the first row takes focus, arrows move, Enter opens.
      await table.locator('tbody tr').first().focus();
      await page.keyboard.press('ArrowDown');
      const second = await table.locator('tbody tr').nth(1).locator('td').first().textContent();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: `Edit ${second}` }).waitFor();

      // Dark theme is a click away and stays accessible.
      await page.getByRole('button', { name: 'Switch between light and dark theme' }).click();
      await page.locator('html[data-mantine-color-scheme="dark"]').waitFor({ state: 'attached' });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, '03-party-dark');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('creates a party and finds it by search', { timeout: 120_000 }, async () => {
      const { page, problems } = await signedIn();
      const name = `Zebra Logistics ${Date.now()}`;
      await page.getByRole('link', { name: 'New party' }).click();
      await page.getByRole('heading', { name: 'New customer or supplier' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, '04-party-new');
      await page.getByRole('textbox', { name: /^Name/ }).fill(name);
      await page.getByLabel('Email').fill('orders@zebra.example');
      await page.getByLabel('Customer', { exact: true }).uncheck();
      await page.getByLabel('Supplier', { exact: true }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: `Edit ${name}` }).waitFor();
      expect(page.url()).toMatch(/\/crm\/parties\/[0-9a-f-]{36}$/);

      await page.getByRole('link', { name: 'Parties' }).click();
      await page.getByRole('heading', { name: 'Customers & suppliers' }).waitFor();
      await page.getByLabel('Search').fill('Zebra Logistics');
      const rows = page.getByRole('table', { name: 'Customers & suppliers' }).locator('tbody tr');
      await rows.filter({ hasText: name }).waitFor();
      await rows.nth(1).waitFor({ state: 'detached' });
      expect(await rows.count()).toBe(1);
      await page
        .locator('label')
        .filter({ hasText: /^Customers$/ })
        .click();
      await page.getByText('Nothing to show.').waitFor();
      await page
        .locator('label')
        .filter({ hasText: /^Suppliers$/ })
        .click();
      await rows.filter({ hasText: name }).waitFor();
      await screenshot(page, '05-parties-search');
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('shows a change made in one browser in another, live', { timeout: 120_000 }, async () => {
      const first = await signedIn();
      const name = `Live Update Ltd ${Date.now()}`;
      await first.page.getByRole('link', { name: 'New party' }).click();
      await first.page.getByRole('textbox', { name: /^Name/ }).fill(name);
      await first.page.getByRole('button', { name: 'Save' }).click();
      await first.page.getByRole('heading', { name: `Edit ${name}` }).waitFor();
      const recordUrl = first.page.url();

      const second = await signedIn();
      await second.page.getByLabel('Search').fill('Live Update Ltd');
      await second.page.getByRole('table').locator('tbody tr').filter({ hasText: name }).waitFor();
      // sessionStorage is per tab: a third context, signed in, opens the record.
      const third = await signedIn();
      const other = third.page;
      await other.goto(recordUrl);
      await other.getByRole('heading', { name: `Edit ${name}` }).waitFor();

      const renamed = `${name} (renamed)`;
      await first.page.getByRole('textbox', { name: /^Name/ }).fill(renamed);
      await first.page.getByLabel('Phone').fill('+44 20 7946 0000');
      await first.page.getByRole('button', { name: 'Save' }).click();
      await first.page.getByRole('heading', { name: `Edit ${renamed}` }).waitFor();

      // No reload: the open record and the open list follow the change through the live stream.
      await other.getByRole('heading', { name: `Edit ${renamed}` }).waitFor();
      await waitForValue(other, 'phone', '+44 20 7946 0000');
      await second.page.getByRole('table').locator('tbody tr').filter({ hasText: renamed }).waitFor();
      await screenshot(other, '06-party-updated-live');
      expect([...first.problems, ...second.problems, ...third.problems]).toEqual([]);
      await first.page.context().close();
      await second.page.context().close();
      await third.page.context().close();
    });

    it('shows field errors for an invalid form and saves nothing', { timeout: 120_000 }, async () => {
      const { page, problems } = await signedIn();
      const writes: string[] = [];
      page.on('request', (request) => {
        if (request.method() !== 'GET' && request.url().includes('/api/v1/crm/')) writes.push(request.url());
      });
      await page.getByRole('link', { name: 'New party' }).click();
      await page.getByRole('heading', { name: 'New customer or supplier' }).waitFor();
      await page.getByLabel('Email').fill('not-an-email');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('alert').filter({ hasText: 'Some fields need attention.' }).waitFor();
      const name = page.getByRole('textbox', { name: /^Name/ });
      const email = page.getByLabel('Email');
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await email.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.mantine-InputWrapper-error').count()).toBeGreaterThanOrEqual(2);
      // Each message sits beside its field, tied to it for screen readers.
      const nameError = await name.getAttribute('aria-describedby');
      expect(
        await page
          .locator(`[id="${nameError?.split(' ').find((id) => id.endsWith('-error'))}"]`)
          .textContent(),
      ).toBe('Required');
      expect(page.url()).toMatch(/\/crm\/parties\/new$/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, '07-party-invalid');
      expect(writes).toEqual([]);

      // Leaving with unsaved changes asks first.
      await page.getByRole('link', { name: 'Parties' }).click();
      await page.getByRole('button', { name: 'Stay' }).click();
      expect(page.url()).toMatch(/\/crm\/parties\/new$/);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('reports an edit made on a stale version as a conflict', { timeout: 120_000 }, async () => {
      const { page, problems } = await signedIn();
      await page.getByRole('table').locator('tbody tr').first().waitFor();
      await page.getByRole('table').locator('tbody tr').nth(2).locator('a').click();
      await page.getByRole('heading', { name: /^Edit / }).waitFor();
      await page.getByLabel('Tax id').fill('GB-STALE-1');
      // Another user saves first, straight through the API.
      const id = page.url().split('/').pop()!;
      const token = await page.evaluate("sessionStorage.getItem('tandem.session')");
      const current = (await (
        await fetch(`${server.url}/api/v1/crm/parties/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { version: number };
      const patched = await fetch(`${server.url}/api/v1/crm/parties/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ version: current.version, notes: 'changed by someone else' }),
      });
      expect(patched.status).toBe(200);
      await page
        .getByRole('status')
        .filter({ hasText: 'This record was changed by someone else.' })
        .waitFor();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('alert').filter({ hasText: 'Someone else changed this record' }).waitFor();
      await screenshot(page, '08-party-conflict');
      await page.getByRole('button', { name: 'Reload the latest version' }).click();
      await waitForValue(page, 'notes', 'changed by someone else');
      expect(problems).toEqual([]);
      await page.context().close();
    });
  },
);

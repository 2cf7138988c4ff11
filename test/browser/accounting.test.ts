import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';
import { useSmtpServer } from '../support/smtp.ts';
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

// The accounting screens against a real `tandem serve` whose demo company has the generic chart
// and a year of bank entries; run once, in the embedded-database run, like web-app.test.ts.
const skipReason = browserSkipReason('accounting browser tests');

const YEAR = new Date().getFullYear();
const LOCKED_MESSAGE = 'This date is in a locked period, or on or before the lock date.';

/** The message shown beside a field, as tied to it for screen readers (aria-describedby). */
async function errorBeside(page: Page, field: Locator): Promise<string | null> {
  const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
  const id = ids.find((candidate) => candidate.endsWith('-error'));
  return id ? page.locator(`[id="${id}"]`).textContent() : null;
}

async function until(condition: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + WAIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function openFromNavigation(page: Page, link: string, heading = link, { leavingUnsaved = false } = {}) {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: link, exact: true })
    .click();
  // A form with unsaved changes asks first.
  if (leavingUnsaved) await page.getByRole('button', { name: 'Leave' }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

const cell = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

/** Types an account code into a line and tabs on, as a person would; the first match is taken. */
async function pickAccount(page: Page, line: number, code: string) {
  const picker = cell(page, `Account, line ${line}`);
  await picker.fill(code);
  await page.keyboard.press('Tab');
  await until(
    async () => (await picker.inputValue()).startsWith(`${code} `),
    `account ${code} is on line ${line}`,
  );
}

describe.skipIf(skipReason !== undefined)(
  `the accounting screens in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    const inbox = useSmtpServer();
    let dataDir: string;
    let server: RunningServer;
    let browser: Browser;
    let login: { email: string; password: string };

    beforeAll(async () => {
      ensureWebAppBuilt();
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-web-accounting-'));
      server = await startServer(
        {
          TANDEM_DATA_DIR: dataDir,
          TANDEM_SMTP_URL: inbox.url,
          TANDEM_PUBLIC_URL: 'http://erp.example.test',
        },
        240_000,
      );
      login = adminLogin(server.output());
      browser = await launchChromium();
    }, 400_000);
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    async function signedIn(email = login.email, password = login.password) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: 'en-US',
        acceptDownloads: true,
      });
      const page = await signIn(context, server.url, email, password);
      return { page, problems: watchPage(page) };
    }

    it('lists the chart of accounts, finds account 1000, adds an account and archives it', {
      timeout: 120_000,
    }, async () => {
      const { page, problems } = await signedIn();
      await openFromNavigation(page, 'Chart of accounts');
      const rows = page.getByRole('table', { name: 'Chart of accounts' }).locator('tbody tr');
      await rows.nth(30).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'accounting-01-chart-of-accounts');

      await page.getByLabel('Search').fill('1000');
      await rows.nth(1).waitFor({ state: 'detached' });
      expect(await rows.first().locator('td').allTextContents()).toEqual([
        '1000',
        'Bank',
        'Asset',
        'Bank',
        'No',
      ]);

      await page.getByLabel('Search').fill('');
      await page.getByRole('textbox', { name: 'Type' }).click();
      await page.getByRole('option', { name: 'Liability' }).click();
      await rows.filter({ hasText: 'Accounts payable' }).waitFor();
      await rows.locator('td:first-child', { hasText: /^1000$/ }).waitFor({ state: 'detached' });

      const name = `Office plants ${Date.now()}`;
      await page.getByRole('link', { name: 'New account' }).click();
      await page.getByRole('heading', { name: 'New account', level: 1 }).waitFor();
      await page.getByRole('textbox', { name: /^Code/ }).fill('6950');
      await page.getByRole('textbox', { name: /^Name/ }).fill(name);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: `Account 6950 ${name}` }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'accounting-02-account');

      // Archived: gone from the chart, found among the archived accounts.
      await page.getByLabel('Archived', { exact: true }).check();
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'PATCH' && r.ok()),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      await openFromNavigation(page, 'Chart of accounts');
      await page.getByLabel('Search').fill('6950');
      await page.getByText('Nothing to show.').waitFor();
      await page.getByLabel('Archived accounts').check();
      await rows.filter({ hasText: name }).waitFor();
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('posts a balanced entry typed with the keyboard, lists it by number and reverses it', {
      timeout: 120_000,
    }, async () => {
      const { page, problems } = await signedIn();
      await openFromNavigation(page, 'Journal entries');
      await page.getByRole('link', { name: 'New entry' }).click();
      await page.getByRole('heading', { name: 'New journal entry' }).waitFor();
      const post = page.getByRole('button', { name: 'Post' });
      expect(await post.isDisabled()).toBe(true);

      // From the description on, the keyboard only: Tab across cells, Enter for the next line.
      await page.locator('input[name="description"]').focus();
      await page.keyboard.type('Rent paid twice');
      await page.keyboard.press('Tab'); // reference
      await page.keyboard.press('Tab'); // line 1: account
      await page.keyboard.type('6100');
      await page.keyboard.press('Tab'); // the first match is taken; on to the partner
      await page.keyboard.press('Tab'); // description
      await page.keyboard.type('Shop rent');
      await page.keyboard.press('Tab'); // debit
      await page.keyboard.type('1234.5');
      await page.keyboard.press('Enter'); // line 2, carrying the credit that balances
      expect(await page.evaluate('document.activeElement.getAttribute("aria-label")')).toBe(
        'Account, line 2',
      );
      await page.keyboard.type('1000');
      await page.keyboard.press('Tab');
      expect(await cell(page, 'Account, line 1').inputValue()).toBe('6100 Rent');
      expect(await cell(page, 'Account, line 2').inputValue()).toBe('1000 Bank');
      expect(await cell(page, 'Credit, line 2').inputValue()).toBe('1,234.50');
      expect(await page.getByTestId('total-debit').textContent()).toBe('1,234.50');
      expect(await page.getByTestId('total-credit').textContent()).toBe('1,234.50');
      await page.getByRole('status').filter({ hasText: 'Balanced: ready to post' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'accounting-03-entry-form');
      await post.focus();
      await page.keyboard.press('Enter');

      const heading = page.getByRole('heading', { name: /^Entry GEN\/\d{4}\/\d{5}$/ });
      await heading.waitFor();
      const number = (await heading.textContent())!.replace('Entry ', '');
      const lines = page.getByRole('table', { name: 'Lines' });
      expect(await lines.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
        '6100 Rent',
        '',
        'Shop rent',
        '1,234.50',
        '',
      ]);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'accounting-04-entry');

      await openFromNavigation(page, 'Journal entries');
      await page.getByLabel('Search').fill(number);
      const row = page
        .getByRole('table', { name: 'Journal entries' })
        .locator('tbody tr')
        .filter({ hasText: number });
      await row.waitFor();
      expect(await row.locator('td').allTextContents()).toEqual([
        new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date()),
        number,
        'GEN',
        'Rent paid twice',
        '1,234.50',
      ]);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'accounting-05-entries');

      // Corrected by a reversal with a reason; the entry itself never changes.
      await row.getByRole('link', { name: number }).click();
      await page.getByRole('heading', { name: `Entry ${number}` }).waitFor();
      const original = page.url();
      await page.getByRole('button', { name: 'Reverse' }).click();
      const dialog = page.getByRole('dialog', { name: `Reverse entry ${number}` });
      await dialog.getByRole('textbox', { name: /^Reason/ }).fill('Posted twice');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'accounting-06-reverse');
      await dialog.getByRole('button', { name: 'Post the reversal' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `This entry reverses ${number}` })
        .waitFor();
      expect(page.url()).not.toBe(original);
      expect(await page.getByRole('heading', { name: /^Entry GEN\// }).textContent()).not.toBe(
        `Entry ${number}`,
      );
      await page.getByRole('link', { name: number }).click();
      await page.getByRole('status').filter({ hasText: 'This entry was reversed by' }).waitFor();
      expect(await page.getByRole('button', { name: 'Reverse' }).count()).toBe(0);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('keeps Post disabled until the entry balances and shows a locked period beside the date', {
      timeout: 120_000,
    }, async () => {
      const { page, problems } = await signedIn();
      await openFromNavigation(page, 'Fiscal years');
      const march = page.getByRole('switch', { name: `Locked: March ${YEAR}` });
      await march.click({ force: true });
      await page
        .locator('tr', { hasText: `March ${YEAR}` })
        .getByText('Locked', { exact: true })
        .waitFor();
      await until(async () => (await march.isChecked()) && !(await march.isDisabled()), 'March is locked');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'accounting-07-fiscal-years');

      await openFromNavigation(page, 'Journal entries');
      await page.getByRole('link', { name: 'New entry' }).click();
      await page.getByRole('heading', { name: 'New journal entry' }).waitFor();
      const date = page.locator('input[name="date"]');
      await date.fill(`${YEAR}-03-15`);
      await page.locator('input[name="description"]').fill('Into a locked month');
      await pickAccount(page, 1, '1100');
      await cell(page, 'Debit, line 1').fill('100');
      await pickAccount(page, 2, '1000');
      await cell(page, 'Credit, line 2').fill('90');
      const post = page.getByRole('button', { name: 'Post' });
      await page.getByRole('status').filter({ hasText: 'Debits and credits differ by 10.00' }).waitFor();
      expect(await post.isDisabled()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'accounting-08-entry-unbalanced');

      await cell(page, 'Credit, line 2').fill('100');
      expect(await post.isDisabled()).toBe(false);
      // The server checks the lines first: a receivable line names its customer (lines.0.partnerId).
      await post.click();
      const partner = cell(page, 'Partner, line 1');
      await until(
        async () => (await partner.getAttribute('aria-invalid')) === 'true',
        'the partner is marked',
      );
      expect(await errorBeside(page, partner)).toBe('account 1100 is receivable: name the partner');
      expect(await date.getAttribute('aria-invalid')).toBe('false');
      await partner.click();
      await page.keyboard.press('ArrowDown');
      await page.getByRole('listbox', { name: 'Partner, line 1' }).getByRole('option').first().click();
      await until(async () => (await partner.inputValue()) !== '', 'a partner is chosen');
      await post.click();
      await until(async () => (await date.getAttribute('aria-invalid')) === 'true', 'the date is marked');
      expect(await partner.getAttribute('aria-invalid')).toBe('false');
      expect(await errorBeside(page, date)).toBe(LOCKED_MESSAGE);
      expect(page.url()).toMatch(/\/accounting\/entries\/new$/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'accounting-09-entry-locked-period');

      // The company's lock date refuses the same way: set it, try a day before, clear it.
      await openFromNavigation(page, 'Fiscal years', 'Fiscal years', { leavingUnsaved: true });
      await march.click({ force: true });
      await until(async () => !(await march.isChecked()) && !(await march.isDisabled()), 'March is open');
      const lockDate = page.getByRole('textbox', { name: 'Lock date' });
      await lockDate.fill(`${YEAR}-02-28`);
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'PATCH' && r.ok()),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      await page.reload();
      await until(async () => (await lockDate.inputValue()) === `${YEAR}-02-28`, 'the lock date is kept');

      await openFromNavigation(page, 'Journal entries');
      await page.getByRole('link', { name: 'New entry' }).click();
      await date.fill(`${YEAR}-02-10`);
      await page.locator('input[name="description"]').fill('Before the lock date');
      await pickAccount(page, 1, '6400');
      await cell(page, 'Debit, line 1').fill('5');
      await pickAccount(page, 2, '1000');
      await cell(page, 'Credit, line 2').fill('5');
      await post.click();
      await until(async () => (await date.getAttribute('aria-invalid')) === 'true', 'the date is marked');
      expect(await errorBeside(page, date)).toBe(LOCKED_MESSAGE);

      await openFromNavigation(page, 'Fiscal years', 'Fiscal years', { leavingUnsaved: true });
      await lockDate.fill('');
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'PATCH' && r.ok()),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('shows a trial balance that sums to zero, exports it and opens an account’s ledger', {
      timeout: 120_000,
    }, async () => {
      const { page, problems } = await signedIn();
      await openFromNavigation(page, 'Trial balance');
      const totals = page.getByTestId('trial-balance-totals');
      await totals.waitFor();
      expect(await totals.locator('[data-column="closing"]').textContent()).toBe('0.00');
      expect(await totals.locator('[data-column="opening"]').textContent()).toBe('0.00');
      expect(await totals.locator('[data-column="debit"]').textContent()).toBe(
        await totals.locator('[data-column="credit"]').textContent(),
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'accounting-10-trial-balance');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const csv = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
      expect(csv[0]?.replace(/^\uFEFF/, '')).toBe('Code,Account,Opening,Debit,Credit,Closing');
      expect(csv.at(-1)).toMatch(/^Total,,0\.00,\d+\.\d\d,\d+\.\d\d,0\.00$/);

      const bank = page
        .getByRole('table', { name: 'Trial balance' })
        .locator('tbody tr')
        .filter({ hasText: 'Bank' })
        .first();
      const bankClosing = (await bank.locator('td').last().textContent())!;
      await bank.locator('td').nth(1).click();
      await page.getByRole('heading', { name: 'General ledger', level: 1 }).waitFor();
      expect(page.url()).toMatch(/accountId=[0-9a-f-]{36}&from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d/);
      await page.getByRole('heading', { name: '1000 Bank', level: 2 }).waitFor();
      const ledger = page.getByRole('table', { name: 'General ledger of 1000' }).locator('tbody tr');
      await ledger.nth(10).waitFor();
      // The running balance of the last line is the account's closing balance in the trial balance.
      expect(await ledger.last().locator('td').last().textContent()).toBe(bankClosing);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'accounting-11-general-ledger');
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('offers the setup while the company has no chart of accounts', { timeout: 120_000 }, async () => {
      const { page, problems } = await signedIn();
      // The demo company is set up already; until the setup is posted the server is made to say
      // it is not, and the setup call itself is answered here, so the demo's books stay as they are.
      let setUp = false;
      let sent: unknown;
      await page.route('**/api/v1/accounting/settings', (route) =>
        setUp
          ? route.fallback()
          : route.fulfill({
              status: 409,
              contentType: 'application/problem+json',
              body: JSON.stringify({
                code: 'accounting.not_set_up',
                title: 'Accounting is not set up',
                status: 409,
              }),
            }),
      );
      await page.route('**/api/v1/accounting/setup', async (route) => {
        sent = route.request().postDataJSON();
        setUp = true;
        await route.fulfill({
          status: 201,
          contentType: 'application/json',
          body: JSON.stringify({
            chartTemplate: 'skr03',
            currencyCode: 'EUR',
            taxRounding: 'global',
            lockDate: null,
            version: 1,
          }),
        });
      });
      await openFromNavigation(page, 'Chart of accounts', 'Set up accounting');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'accounting-12-setup');
      await page.getByLabel('SKR03 (Germany, a subset)').check();
      await page.getByLabel('First day of the first fiscal year').fill(`${YEAR}-07-01`);
      await page.getByRole('textbox', { name: 'Tax rounding' }).click();
      await page.getByRole('option', { name: 'On the total' }).click();
      await page.getByRole('button', { name: 'Set up accounting' }).click();
      await page.getByRole('heading', { name: 'Chart of accounts', level: 1 }).waitFor();
      expect(sent).toEqual({ template: 'skr03', fiscalYearStart: `${YEAR}-07-01`, taxRounding: 'global' });
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('shows no accounting to a role without its permissions', { timeout: 120_000 }, async () => {
      const admin = await signedIn();
      const token = await admin.page.evaluate("sessionStorage.getItem('tandem.session')");
      await admin.page.context().close();
      const email = `rep-${Date.now()}@example.test`;
      const invited = await fetch(`${server.url}/api/v1/auth/invitations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email, role: 'sales_rep' }),
      });
      expect(invited.status).toBe(201);
      const link = /accept-invitation\?token=(\S+)/.exec((await inbox.waitFor(email, 30_000)).text ?? '');
      const password = 'a long sales passphrase';
      const accepted = await fetch(`${server.url}/api/v1/auth/invitations/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: link?.[1], displayName: 'Sam Sales', password }),
      });
      expect(accepted.status).toBe(201);

      const { page, problems } = await signedIn(email, password);
      const navigation = page.getByRole('navigation', { name: 'Main navigation' });
      await navigation.getByRole('link', { name: 'Parties' }).waitFor();
      // Once the role's permissions are known (403 for each accounting probe), nothing of
      // accounting is offered.
      await navigation.locator('[aria-busy="false"]').waitFor();
      expect(await navigation.getByText('Accounting').count()).toBe(0);
      expect(await navigation.getByRole('link', { name: 'Journal entries' }).count()).toBe(0);
      await page.goto(`${server.url}/accounting/entries`);
      await page.getByRole('alert').waitFor();
      await screenshot(page, 'accounting-13-no-permission');
      expect(problems).toEqual([]);
      await page.context().close();
    });
  },
);

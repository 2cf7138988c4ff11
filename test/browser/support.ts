import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { onPostgres } from '../support/db.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results/browser');
// Generous: a slow 2-core machine builds pages, runs the server and Chromium at once.
export const WAIT_MS = 30_000;

/**
 * Why a browser test file skips, or undefined when it runs: once, in the embedded-database run,
 * and only where Debian's Chromium is installed (said aloud, so a skip is never silent).
 */
export function browserSkipReason(what: string): string | undefined {
  const reason = onPostgres
    ? 'run once, on the embedded database'
    : !haveChromium
      ? '/usr/bin/chromium is missing (apt-get install -y chromium)'
      : undefined;
  if (reason && !onPostgres) console.warn(`${what} skipped: ${reason}`);
  return reason;
}

/** Builds web/dist when it is missing or older than its sources (a no-op after `npm install`). */
export function ensureWebAppBuilt() {
  execFileSync(
    process.execPath,
    [path.resolve(import.meta.dirname, '../../scripts/build-web.mjs'), '--if-stale'],
    {
      stdio: 'inherit',
      timeout: 180_000,
    },
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Problems the page reported (uncaught errors, CSP refusals), collected to assert there are none. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  return problems;
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/**
 * Runs axe-core in the page (evaluated through the devtools protocol, so the app's CSP stays on)
 * and returns its serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  // Strings run in the page: this file is type-checked for Node, without the DOM's types.
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
}

/** Waits until the input or text area named `name` holds `value`. */
export async function waitForValue(page: Page, name: string, value: string) {
  await page.waitForFunction(
    ([field, expected]) =>
      // biome-ignore lint/suspicious/noExplicitAny: evaluated in the page, where the DOM exists
      (globalThis as any).document.querySelector(`[name="${field}"]`)?.value === expected,
    [name, value] as const,
    { timeout: WAIT_MS },
  );
}

/** The demo admin's login, as `tandem serve` prints it on a first start. */
export function adminLogin(output: string) {
  const email = /Sign in as:\s+(\S+)/.exec(output)?.[1];
  const password = /Password:\s+(\S+)/.exec(output)?.[1];
  if (!email || !password) throw new Error(`no admin login printed:\n${output}`);
  return { email, password };
}

export async function signIn(context: BrowserContext, url: string, email: string, password: string) {
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(`${url}/`);
  await page.getByLabel('Email').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  return page;
}

/**
 * The operator console in a real browser (Debian's Chromium through playwright-core) against a real
 * Ringback on its embedded defaults with the sandbox: sign in (a bad token first), see the dashboard
 * populated by the generated history, open a location, change its SLA policy, post a webhook and
 * watch the new case appear, read its timeline; and the same dashboard on a phone. Screenshots of
 * every screen go to test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { postCallRail } from './helpers/webhooks.ts';
import { DEMO_CALLRAIL_SIGNING_KEY } from '../server/src/sandbox/demo-account.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const ROOT = new URL('..', import.meta.url).pathname;
const ARTIFACTS = join(ROOT, 'test/artifacts');

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];

/** Newest modification time under a folder. */
function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/** The browser must see the console as the sources are now: rebuild when the build is missing or older. */
function ensureConsoleBuilt(): void {
  const built = join(ROOT, 'console/dist/index.html');
  const sources = Math.max(newest(join(ROOT, 'console/src')), newest(join(ROOT, 'console/index.html')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'console', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  );
}

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(server.url);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need it (apt-get install -y chromium; .ci/run installs it)`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  ensureConsoleBuilt();
  server = await startTestServer('pglite+in-process', null, {
    RINGBACK_SANDBOX: 'on',
    RINGBACK_SANDBOX_HISTORY_DAYS: '14',
    RINGBACK_SANDBOX_TRAFFIC: 'off',
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
}, 60_000);

describe('the operator console', () => {
  it('signs in, shows the populated dashboard, a location, a policy change and a new case arriving', async () => {
    const page = await newPage({ width: 1366, height: 900 });

    // A wrong token gets a clear message and no way in.
    await signIn(page, 'not-a-real-token');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not accepted/);
    await shot(page, 'sign-in-bad-token');

    // The admin token opens the dashboard, filled by the generated history.
    await page.getByLabel('Token').fill(server.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/accounts\/demo$/);
    await expect.poll(() => page.locator('.locations-table tbody tr').count(), { timeout: 45_000 }).toBe(12);
    const missed = Number(
      (await page.locator('.tile', { hasText: 'Missed calls' }).locator('.tile-value').textContent())!.replace(
        /,/g,
        '',
      ),
    );
    expect(missed).toBeGreaterThan(50);
    await expect.poll(() => page.locator('.locations-table .tag', { hasText: 'Laggard' }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.sparkline svg').count(), { timeout: 30_000 }).toBeGreaterThan(6);
    expect(await page.locator('.chart svg').count()).toBeGreaterThan(0);
    await shot(page, 'dashboard');

    // Keyboard users land on the skip link first; every form control has a label.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const unlabelled = await page.$$eval(
      'input, select, textarea',
      (els) => els.filter((e) => !(e as HTMLInputElement).labels?.length && !e.getAttribute('aria-label')).length,
    );
    expect(unlabelled).toBe(0);

    // A filter narrows the table (and keeps it in the URL).
    await page.getByLabel('Vertical').selectOption('hvac');
    await page.waitForURL(/vertical=hvac/);
    await expect.poll(() => page.locator('.locations-table tbody tr').count()).toBe(4);
    await page.getByLabel('Vertical').selectOption('');

    // A location: funnel, daily line, latency histogram, open cases.
    await expect.poll(() => page.locator('.locations-table tbody tr').count()).toBe(12);
    await page.getByRole('link', { name: 'Phoenix', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Phoenix' }).waitFor();
    await expect.poll(() => page.locator('.chart svg.recharts-surface').count()).toBeGreaterThanOrEqual(3);
    await page.getByRole('heading', { name: 'Open high-intent cases' }).waitFor();
    await shot(page, 'location');

    // Its settings: a tighter SLA for new leads, saved through the setup API.
    await page.getByRole('link', { name: 'settings' }).click();
    await page.getByLabel('SLA, new lead').fill('10m');
    await page.getByRole('button', { name: 'Save location' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Location saved.' }).count()).toBe(1);
    const saved = await server.api('/api/accounts/demo/locations/phoenix');
    expect(saved.body.policy).toEqual({ sla: { newLead: '10m' } });
    expect(saved.body.effectivePolicy.sla.newLead).toBe('10m');
    await shot(page, 'location-setup');

    // A call comes in: it shows up on the dashboard by itself.
    const now = new Date();
    const body = {
      resource_id: 'CALbrowsertest000000000000000000001',
      answered: false,
      call_type: 'voicemail',
      voicemail: true,
      direction: 'inbound',
      duration: '32',
      customer_name: 'Browser Test Caller',
      customer_phone_number: '+16025550177',
      tracking_phone_number: '+14805550100',
      start_time: new Date(now.getTime() - 60_000).toISOString(),
      source: 'Google Ads',
      transcription: 'Hi, our AC is not cooling, please call me back.',
      spam: false,
    };
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.locator('.recent-calls').waitFor();
    const delivered = await postCallRail(
      server.url,
      'demo',
      DEMO_CALLRAIL_SIGNING_KEY,
      JSON.stringify(body),
      'post_call',
    );
    expect(delivered.status).toBe(200);
    const arrived = page.locator('.recent-calls li', { hasText: 'Browser Test Caller' });
    await arrived.waitFor({ timeout: 20_000 });
    await shot(page, 'dashboard-new-case');

    // Its page: what Ringback decided, and its timeline from the audit log.
    await arrived.getByRole('link', { name: 'Browser Test Caller' }).click();
    await page.getByRole('heading', { level: 1, name: /Browser Test Caller/ }).waitFor();
    await expect.poll(() => page.locator('.timeline li').first().textContent()).toMatch(/case created/);
    expect(await page.locator('.facts').first().textContent()).toMatch(/voicemail/);
    await shot(page, 'case');

    // Setup: the webhook URLs to paste into CallRail, and the CRM install buttons.
    await page.goto(`${server.url}/setup/demo`);
    await page.getByRole('heading', { name: 'Call-tracking sources' }).waitFor();
    expect(await page.locator('.source', { hasText: 'CallRail' }).locator('code.url').textContent()).toBe(
      'https://ringback.test/webhooks/callrail/demo',
    );
    expect(await page.getByRole('link', { name: /Connect Salesforce/ }).getAttribute('href')).toBe(
      'https://ringback.test/oauth/salesforce/install?account=demo',
    );
    await shot(page, 'account-setup');

    expect(pageErrors).toEqual([]);
    await page.close();
  }, 180_000);

  it('with an account token: that account only, its setup read-only', async () => {
    const token = (await server.api('/api/accounts/demo/tokens', { body: { label: 'browser test' } })).body.token as string;
    const page = await newPage({ width: 1280, height: 800 });
    await signIn(page, token);
    await page.waitForURL(/\/accounts\/demo$/);
    expect(await page.locator('.role-tag').textContent()).toBe('Account token');
    await expect.poll(() => page.locator('.locations-table tbody tr').count(), { timeout: 30_000 }).toBe(12);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Setup' }).click();
    await page.waitForURL(/\/setup\/demo$/);
    await page.getByRole('heading', { name: 'Recovery policy' }).waitFor();
    expect(await page.getByLabel('SLA, new lead').first().isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save key' }).count()).toBe(0);
    await shot(page, 'account-token-setup');
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 90_000);

  it('fits a phone: the dashboard stacks and only tables scroll sideways', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signIn(page, server.adminToken);
    await expect.poll(() => page.locator('.locations-table tbody tr').count(), { timeout: 30_000 }).toBe(12);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'dashboard-phone');
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 90_000);
});

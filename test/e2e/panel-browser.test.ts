import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInTicket } from '../../src/server/auth.js';
import { sellShipAndReturn } from '../helpers/merchant.js';
import { startShopStack } from '../helpers/shop-stack.js';
import type { ShopStack } from '../helpers/shop-stack.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../test-results/panel/', import.meta.url));
const haveBrowser = existsSync(CHROMIUM);
// .ci/run installs Chromium and sets REQUIRE_BROWSER: there, a missing browser is a failure, not a skip.
if (!haveBrowser && process.env.REQUIRE_BROWSER) throw new Error(`REQUIRE_BROWSER is set but there is no Chromium at ${CHROMIUM}`);
if (!haveBrowser) process.stderr.write(`panel browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)\n`);

/**
 * The agent panel in a real browser (Debian's Chromium through playwright-core): an agent signs in
 * with the one-time link, looks an order up, sees its workspaces and documents, opens its case's
 * timeline; the operator retries a dead letter. Each state is a screenshot in test-results/panel/.
 */
describe.skipIf(!haveBrowser)('agent panel in Chromium', () => {
  let stack: ShopStack;
  let browser: Browser;
  let page: Page;
  let order: { id: string; name: string };

  const shot = async (name: string) => {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startShopStack({ shopify: { orders: 0, seed: 10 }, apiToken: 'panel-browser-token' });
    const sold = await sellShipAndReturn(stack.graphql, {
      email: 'robin@example.com',
      firstName: 'Robin',
      lastName: 'Hale',
      title: 'Heat exchanger',
      sku: 'HX-40',
      amount: '8800.00',
    });
    order = { id: sold.id, name: sold.name };
    // A job that fails for good, for the operator to retry.
    await stack.deps.queue.enqueue([{ task: 'no.such.task', payload: {}, jobKey: 'browser-dead', queueName: 'browser-dead' }]);
    await stack.drained();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('asks to sign in without a session', async () => {
    const res = await page.goto(`${stack.url}/panel`);
    expect(res?.status()).toBe(401);
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await shot('1-sign-in');
  });

  it('signs in with the one-time link, finds the order and shows its workspaces and documents', async () => {
    await page.goto(`${stack.url}/panel?signin=${signInTicket(stack.config) ?? ''}`);
    expect(page.url()).toBe(`${stack.url}/panel`);
    await page.getByLabel('Order name or number, email, company, SKU or case id').fill(order.name);
    await page.keyboard.press('Enter');
    await page.waitForSelector('article.card');
    const [ws] = await stack.otcs.workspacesFor('shopify_order', order.id);
    const card = page.locator(`article.card[data-node="${ws?.id}"]`);
    await expect(card.locator('h3').textContent()).resolves.toBe(ws?.name);
    const docs = await card.locator('ul.docs li a').allTextContents();
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.some((d) => d.endsWith('.pdf'))).toBe(true);
    await expect(card.locator('a', { hasText: 'Open in Smart View' }).getAttribute('href')).resolves.toBe(`${stack.xecmUrl}/app/nodes/${ws?.id}`);
    await shot('2-order');
  });

  it('opens the case: its status and timeline', async () => {
    const caseCard = page.locator('article.card[data-kind="case"]');
    await expect(caseCard.locator('.badge').allTextContents()).resolves.toEqual(['Case', 'requested']);
    await caseCard.locator('summary').click();
    await expect(caseCard.locator('ol.timeline li').first().textContent()).resolves.toMatch(/requested$/);
    await shot('3-case');
  });

  it('reads at 400 px wide without sideways scrolling', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(400);
    await shot('4-narrow');
    await page.setViewportSize({ width: 1024, height: 800 });
  });

  it('lets the operator retry a dead letter', async () => {
    await page.getByRole('link', { name: 'Operations' }).click();
    const row = page.locator('tr[data-job]');
    await expect(row.locator('td.reason').textContent()).resolves.toContain('JOB_TASK_UNKNOWN');
    await shot('5-dead-letter');
    await row.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/queued again/);
    await shot('6-retried');
    // The worker ran it again (and it failed for good again: the task still does not exist).
    await stack.drained();
    expect((await stack.deps.queue.counts()).dead).toBe(1);
  });
});

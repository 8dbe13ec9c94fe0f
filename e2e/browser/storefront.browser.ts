import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { ShopPage } from './support/shop-page.js';

// The web app in Debian's Chromium against a stack on the stand-ins: what a
// learner does, step by step, with a screenshot of each (test-results/screenshots/),
// axe-core on every page and no console error anywhere.

const ROOMY_COURSE = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f02'; // gRPC in Practice, 50 seats
const DECLINE_COURSE = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f03';
const ONE_SEAT_COURSE = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f04'; // The Outbox Pattern Masterclass

const webUrl = inject('webUrl');
const skipReason = inject('skipReason');

describe.skipIf(webUrl === null)(
  `the web app in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser.close();
    });

    async function withShop(name: string, run: (shop: ShopPage) => Promise<void>): Promise<void> {
      const shop = await ShopPage.open(browser, webUrl!, name);
      try {
        await run(shop);
        shop.expectNoConsoleErrors();
      } finally {
        await shop.close();
      }
    }

    it('pages through the catalog and opens a course with its price and seats left', async () => {
      await withShop('catalog', async (shop) => {
        const { page } = shop;
        await page.goto('/');
        await expect
          .poll(() => page.locator('.course-grid > li').count(), { timeout: 30_000 })
          .toBe(3);
        await shop.screenshot('catalog-page-1');
        await shop.expectNoAccessibilityViolations();

        await page.getByRole('button', { name: 'Next page' }).click();
        await page.getByText('Page 2').waitFor();
        await expect
          .poll(() => page.locator('.course-grid > li').count(), { timeout: 30_000 })
          .toBe(1);
        await shop.screenshot('catalog-page-2');
        await page.getByRole('button', { name: 'Previous page' }).click();
        await page.getByText('Page 1').waitFor();

        await page.getByRole('link', { name: 'gRPC in Practice' }).click();
        await page.getByRole('heading', { level: 1, name: 'gRPC in Practice' }).waitFor();
        // Focus moves to the new page's heading on a route change.
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
        await expect
          .poll(() => page.locator('.facts').innerText(), { timeout: 30_000 })
          .toMatch(/€59\.00[\s\S]*seats left \(of 50\)/);
        await shop.screenshot('course-page');
        await shop.expectNoAccessibilityViolations();
      });
    });

    it('buys a course and watches the order reach COMPLETED live, with its status history', async () => {
      await withShop('purchase', async (shop) => {
        const { page } = shop;
        await page.goto('/');
        await shop.signIn('Ada (demo learner)');
        await shop.screenshot('signed-in');
        await shop.buy(ROOMY_COURSE, 'tok_visa');
        await page.getByRole('heading', { level: 1, name: /^Order / }).waitFor();
        await shop.screenshot('order-placed');
        await shop.waitForOrderStatus('COMPLETED');
        const history = page.getByRole('list', { name: 'Status history of the order' });
        await expect
          .poll(() => history.innerText(), { timeout: 30_000 })
          .toContain('ENROLLING → COMPLETED');
        await expect
          .poll(() => page.locator('.facts').innerText(), { timeout: 30_000 })
          .toMatch(/Payment\s+AUTHORIZED/);
        // Placed, then followed to COMPLETED in the same document: no reload, the page polled.
        expect(await shop.sameDocument()).toBe(true);
        await shop.screenshot('order-completed');
        await shop.expectNoAccessibilityViolations();

        await page.getByRole('link', { name: 'My orders' }).click();
        const row = page.getByRole('row', { name: /gRPC in Practice/ });
        await row.waitFor();
        expect(await row.innerText()).toContain('COMPLETED');
        await shop.screenshot('my-orders');
        await shop.expectNoAccessibilityViolations();
      });
    });

    it('shows a declined card as the GraphQL error it is: its message and PAYMENT_DECLINED', async () => {
      await withShop('declined', async (shop) => {
        const { page } = shop;
        await page.goto('/');
        await shop.signIn('Ada (demo learner)');
        await shop.buy(DECLINE_COURSE, 'tok_declined');
        const alert = page.getByRole('alert');
        await alert.waitFor();
        expect(await alert.locator('.error-code').innerText()).toBe('PAYMENT_DECLINED');
        await shop.screenshot('card-declined');
        await shop.expectNoAccessibilityViolations();
      });
    });

    it('refunds the second buyer of the one-seat course: that order ends CANCELLED with the refund in its history', async () => {
      await withShop('course-full', async (shop) => {
        const { page } = shop;
        await page.goto('/');
        await shop.signIn('Ada (demo learner)');
        await shop.buy(ONE_SEAT_COURSE, 'tok_visa');
        await shop.waitForOrderStatus('COMPLETED');
        await shop.screenshot('first-buyer-completed');
        await shop.signOut();

        await shop.signIn('Grace (demo learner)');
        await shop.buy(ONE_SEAT_COURSE, 'tok_mastercard');
        await shop.waitForOrderStatus('CANCELLED');
        await expect
          .poll(() => page.locator('.facts').innerText(), { timeout: 30_000 })
          .toMatch(/Payment\s+REFUNDED/);
        const history = page.getByRole('list', { name: 'Status history of the order' });
        expect(await history.innerText()).toMatch(/→ CANCELLED/);
        await shop.screenshot('second-buyer-refunded');
        await shop.expectNoAccessibilityViolations();
      });
    });
  },
);

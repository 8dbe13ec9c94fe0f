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
      } catch (error) {
        // What the page showed when the test failed, next to the steps' screenshots.
        await shop.screenshot('failed').catch(() => undefined);
        throw error;
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

    it('buys a course and watches the order reach COMPLETED live, hop by hop in its purchase timeline', async () => {
      await withShop('purchase', async (shop) => {
        const { page } = shop;
        await page.goto('/');
        await shop.signIn('Ada (demo learner)');
        await shop.screenshot('signed-in');
        await shop.buy(ROOMY_COURSE, 'tok_visa');
        // The stack's first purchase (connections, consumer groups) took over 30 s on a busy machine.
        await page.getByRole('heading', { level: 1, name: /^Order / }).waitFor({ timeout: 60_000 });
        await shop.screenshot('order-placed');
        await shop.waitForOrderStatus('COMPLETED');
        // The page keeps polling after COMPLETED until the events' consumers are in.
        await shop.waitForHops(
          'payment.Authorize',
          'enrollment.grant-seat → enrollment',
          'enrollment.seat-granted.v1 → checkout',
          'order.completed.v1 → notification',
          'order.completed.v1 → analytics',
        );
        await shop.waitForCompleteTimeline();
        const hopText = (step: string) => shop.hop(step).innerText();
        expect(await hopText('payment.Authorize')).toMatch(
          /checkout calls payment \(Authorize\)[\s\S]*command[\s\S]*gRPC[\s\S]*sync[\s\S]*✓ ok/,
        );
        expect(await hopText('relay publishes enrollment.grant-seat')).toMatch(
          /command[\s\S]*AMQP \(RabbitMQ\)[\s\S]*async[\s\S]*waited [\d.]+ m?s in the outbox/,
        );
        expect(await hopText('enrollment.grant-seat → enrollment')).toMatch(
          /command[\s\S]*AMQP \(RabbitMQ\)[\s\S]*async[\s\S]*in the queue[\s\S]*✓ ok/,
        );
        expect(await hopText('enrollment.seat-granted.v1 → checkout')).toMatch(
          /event[\s\S]*Kafka[\s\S]*async[\s\S]*Order status ENROLLING → COMPLETED: seats granted/,
        );
        for (const consumer of ['notification', 'analytics']) {
          expect(await hopText(`order.completed.v1 → ${consumer}`)).toMatch(
            new RegExp(
              `${consumer} consumes the event order\\.completed\\.v1[\\s\\S]*follows from \\d+[\\s\\S]*event[\\s\\S]*Kafka[\\s\\S]*async[\\s\\S]*✓ ok`,
            ),
          );
        }
        await expect
          .poll(() => page.locator('.facts').innerText(), { timeout: 30_000 })
          .toMatch(/Payment\s+AUTHORIZED/);
        // Placed, then followed to COMPLETED in the same document: no reload, the page polled.
        expect(await shop.sameDocument()).toBe(true);
        await shop.screenshot('order-timeline-completed');
        await shop.expectNoAccessibilityViolations();

        // The legend is a native disclosure: it closes and opens from the keyboard.
        const legend = page.locator('details.timeline-legend');
        await legend.locator('summary').focus();
        await page.keyboard.press('Enter');
        expect(await legend.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
        await page.keyboard.press('Enter');
        expect(await legend.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);

        await page.getByRole('link', { name: 'My orders' }).click();
        const row = page.getByRole('row', { name: /gRPC in Practice/ });
        await row.waitFor();
        expect(await row.innerText()).toContain('COMPLETED');
        await shop.screenshot('my-orders');
        await shop.expectNoAccessibilityViolations();
      });
    });

    it('shows a declined card as the GraphQL error it is, and its order’s timeline as the authorize call declined', async () => {
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

        await page.getByRole('link', { name: 'the cancelled order and its timeline' }).click();
        await shop.waitForOrderStatus('CANCELLED');
        await shop.waitForHops('payment.Authorize');
        await shop.waitForCompleteTimeline();
        expect(await shop.hop('payment.Authorize').innerText()).toMatch(
          /checkout calls payment \(Authorize\)[\s\S]*gRPC[\s\S]*sync[\s\S]*✕ declined[\s\S]*card declined/,
        );
        expect(await page.locator('.timeline-end').innerText()).toMatch(
          /The order ended CANCELLED in hop \d+: payment declined/,
        );
        // Nothing went on: no outbox write, no message.
        expect(await shop.timeline.innerText()).not.toMatch(/outbox|Kafka|AMQP/);
        await shop.screenshot('declined-timeline');
        await shop.expectNoAccessibilityViolations();
      });
    });

    it('refunds the second buyer of the one-seat course: that order ends CANCELLED, its timeline showing the compensation and the refund', async () => {
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
        // Enrollment refused the seat; checkout, taking that event, refunds and cancels.
        await shop.waitForHops('enrollment.seat-rejected.v1 → checkout', 'payment.Refund');
        expect(await shop.hop('enrollment.seat-rejected.v1 → checkout').innerText()).toMatch(
          /compensation starts here[\s\S]*event[\s\S]*Kafka[\s\S]*Order status ENROLLING → CANCELLED: seats rejected: COURSE_FULL/,
        );
        expect(await shop.hop('payment.Refund').innerText()).toMatch(
          /checkout calls payment \(Refund\)[\s\S]*compensation: undoes an earlier step[\s\S]*gRPC[\s\S]*sync[\s\S]*✓ ok/,
        );
        expect(await page.locator('.timeline-end').innerText()).toMatch(
          /The order ended CANCELLED in hop \d+: seats rejected: COURSE_FULL/,
        );
        await shop.screenshot('second-buyer-refunded');
        await shop.expectNoAccessibilityViolations();

        // A narrow screen stacks each hop's facts under it, each with its label.
        await page.setViewportSize({ width: 400, height: 800 });
        const label = shop.hop('payment.Refund').getByText('Transport', { exact: true });
        await expect
          .poll(async () => (await label.boundingBox())?.width ?? 0, { timeout: 30_000 })
          .toBeGreaterThan(20);
        await shop.screenshot('second-buyer-refunded-narrow');
        await shop.expectNoAccessibilityViolations();
      });
    });
  },
);

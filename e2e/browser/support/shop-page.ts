import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where every run writes its screenshots (git-ignored). */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  readonly id: string;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

// Errors a learner would answer by trying again (apps/bff's gateway and checkout's codes).
const RETRYABLE_CODES = new Set([
  'SUBGRAPH_TIMEOUT',
  'SUBGRAPH_UNAVAILABLE',
  'PAYMENT_UNAVAILABLE',
  'IDEMPOTENCY_KEY_IN_FLIGHT',
]);

/**
 * One learner's browser tab on the web app: collects every console error and
 * uncaught exception, writes numbered screenshots, and runs axe-core in the page.
 */
export class ShopPage {
  readonly consoleErrors: string[] = [];
  private shots = 0;

  private constructor(
    private readonly context: BrowserContext,
    readonly page: Page,
    private readonly name: string,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => {
      this.consoleErrors.push(`uncaught: ${error.message}`);
    });
  }

  static async open(browser: Browser, baseURL: string, name: string): Promise<ShopPage> {
    const context = await browser.newContext({ baseURL, viewport: { width: 1100, height: 800 } });
    return new ShopPage(context, await context.newPage(), name);
  }

  /** `<name>-<n>-<step>.png`, full page. */
  async screenshot(step: string): Promise<void> {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    this.shots += 1;
    const file = `${this.name}-${String(this.shots).padStart(2, '0')}-${step}.png`;
    await this.page.screenshot({ path: join(SCREENSHOT_DIR, file), fullPage: true });
  }

  /**
   * axe-core's checks (WCAG 2.x A/AA and best practices) on the page as it is.
   * Evaluated through the DevTools protocol, so the app's CSP, which forbids
   * injected scripts, stays on.
   */
  async expectNoAccessibilityViolations(): Promise<void> {
    await this.page.evaluate(await axeSource);
    const violations = await this.page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }
      ).axe;
      const result = await axe.run();
      return result.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target })),
      }));
    });
    expect(
      violations.map(
        (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
      `axe on ${this.page.url()}`,
    ).toEqual([]);
  }

  expectNoConsoleErrors(): void {
    expect(this.consoleErrors, 'console errors and uncaught exceptions').toEqual([]);
  }

  async signIn(learner: string): Promise<void> {
    await this.page.getByLabel('Learner').selectOption({ label: learner });
    await this.page.getByRole('button', { name: 'Sign in as demo learner' }).click();
    await this.page.getByText(`Signed in as ${learner}`).waitFor();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.getByRole('button', { name: 'Sign in as demo learner' }).waitFor();
  }

  /** Adds a course from its own page, then places the order in the cart with `card`; resolves on the order page. */
  async buy(courseId: string, card: string): Promise<void> {
    await this.page.goto(`/courses/${courseId}`);
    await this.markDocument();
    await this.page.getByRole('button', { name: 'Add to cart' }).click();
    await this.page.getByRole('link', { name: /^Cart \(/ }).click();
    await this.page.getByLabel('Test card').selectOption(card);
    await this.placeOrder();
  }

  /**
   * Clicks "Place order" as a learner would: again while the answer is an
   * error worth retrying (on a loaded machine the gateway can give up on
   * checkout after its 2 s), at most five times. The cart keeps its
   * Idempotency-Key for the same courses and card, so a retry cannot buy twice.
   * Returns once `placed` shows (the order page by default) or on any other
   * error (a declined card's). The drills panel's button keeps its key too.
   */
  async placeOrder(
    button = 'Place order',
    placed: Locator = this.page.getByRole('heading', { level: 1, name: /^Order / }),
  ): Promise<void> {
    const errorCode = this.page.locator('.error-code');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await this.page.getByRole('button', { name: button }).click();
      await placed.or(errorCode).first().waitFor({ timeout: 60_000 });
      if (await placed.first().isVisible()) return;
      const code = (await errorCode.textContent())?.trim() ?? '';
      if (!RETRYABLE_CODES.has(code)) return;
    }
  }

  /** Waits until the order page shows `status` (the page polls while the order is under way). */
  async waitForOrderStatus(status: string): Promise<void> {
    await this.page
      .locator('.order-status .status', { hasText: new RegExp(`^${status}$`) })
      .waitFor({ timeout: 60_000 });
  }

  /** The order page's purchase timeline: one list item per hop (apps/web/src/components/order-timeline.tsx). */
  get timeline(): Locator {
    return this.page.getByRole('list', { name: 'Purchase timeline of the order' });
  }

  /** The timeline's hops whose step is exactly `step`, e.g. `payment.Authorize`. */
  hop(step: string): Locator {
    return this.timeline.locator(`:scope > li[data-hop-step="${step}"]`);
  }

  /** Waits until the timeline shows a hop for each of `steps` (it polls while spans arrive). */
  async waitForHops(...steps: string[]): Promise<void> {
    for (const step of steps) await this.hop(step).first().waitFor({ timeout: 60_000 });
  }

  /** Waits until the timeline says every hop is in (every message sent was consumed). */
  async waitForCompleteTimeline(): Promise<void> {
    await this.page
      .getByRole('status')
      .filter({ hasText: /^All hops are in/ })
      .waitFor({ timeout: 60_000 });
  }

  /** Marks the loaded document; `sameDocument()` then tells whether the page was reloaded since. */
  async markDocument(): Promise<void> {
    await this.page.evaluate(() => {
      document.documentElement.dataset.testMark = 'same-document';
    });
  }

  async sameDocument(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.dataset.testMark === 'same-document');
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

import { samplesOf, valueOf } from '@shop/metrics';
import { DEVELOPMENT_METRICS_TOKEN } from '@shop/platform';
import { describeMetrics, scrapeServices, type Scrapes } from '@shop/stack';
import type { StackAddresses } from './stack-addresses.js';

/**
 * What a lab watches, read as `pnpm drill` reads it: every service's
 * `/metrics` (`scrape`), the lines the drill prints from them (`lines`), and
 * one figure of one service (`value`; 0 when the service cannot be read).
 */
export function labReadings(stack: StackAddresses) {
  const ports = {
    checkout: stack.ports.CHECKOUT_PORT,
    enrollment: stack.ports.ENROLLMENT_PORT,
    notification: stack.ports.NOTIFICATION_PORT,
    analytics: stack.ports.ANALYTICS_PORT,
  };
  const scrape = () => scrapeServices(ports, DEVELOPMENT_METRICS_TOKEN);
  return {
    scrape,
    lines: async (previous?: Scrapes) => describeMetrics(await scrape(), previous),
    value: (
      scrapes: Scrapes,
      service: keyof typeof ports,
      name: string,
      labels: Record<string, string> = {},
    ): number => {
      const samples = scrapes[service];
      return typeof samples === 'string' ? 0 : valueOf(samples ?? [], name, labels);
    },
    /** Whether `service` exposes `name` at all (a gauge read from a broker that is away does not). */
    has: (scrapes: Scrapes, service: keyof typeof ports, name: string): boolean => {
      const samples = scrapes[service];
      return typeof samples !== 'string' && samplesOf(samples ?? [], name).length > 0;
    },
  };
}

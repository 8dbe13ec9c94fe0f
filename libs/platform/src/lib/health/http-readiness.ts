import type { ReadinessCheck } from './readiness-check.js';

/** Readiness of an upstream HTTP service: its liveness endpoint answers 2xx in time. */
export function httpReadiness(name: string, url: string): ReadinessCheck {
  return {
    name,
    check: async (signal) => {
      const res = await fetch(url, { signal });
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    },
  };
}

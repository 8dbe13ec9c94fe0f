import { z } from '@shop/config';

const durationMs = z
  .number()
  .int()
  .min(100)
  .max(3_600_000)
  .describe('How long the fault lasts; it lifts by itself after this many ms.');
const latencyMs = z
  .object({ min: z.number().int().min(0).max(600_000), max: z.number().int().min(0).max(600_000) })
  .refine((l) => l.min <= l.max, { message: 'min must not exceed max' })
  .describe('Extra latency per call, uniform between min and max ms (min = max: fixed).');
const broker = z.enum(['kafka', 'amqp']);
const consumerApp = z.enum(['notification', 'analytics']);

/** Every fault the fault API can inject; `kind` is also the drill's name. */
export const faultRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('payment-slow'), durationMs, latencyMs }).strict(),
  z
    .object({
      kind: z.literal('payment-failing'),
      durationMs,
      errorRate: z.number().min(0).max(1).default(1),
    })
    .strict(),
  z.object({ kind: z.literal('payment-down'), durationMs }).strict(),
  z.object({ kind: z.literal('broker-stopped'), durationMs, broker }).strict(),
  z.object({ kind: z.literal('broker-paused'), durationMs, broker }).strict(),
  z.object({ kind: z.literal('consumer-slow'), durationMs, app: consumerApp, latencyMs }).strict(),
  z.object({ kind: z.literal('consumer-crashing'), durationMs, app: consumerApp }).strict(),
  z.object({ kind: z.literal('poison-command') }).strict(),
  z.object({ kind: z.literal('poison-event') }).strict(),
  z
    .object({
      kind: z.literal('network-lossy'),
      durationMs,
      to: z.enum(['payment']).default('payment'),
      resetRate: z.number().min(0).max(1).default(0.3),
      latencyMs: latencyMs.optional(),
    })
    .strict(),
]);

export type FaultRequest = z.infer<typeof faultRequestSchema>;
/** What a caller sends (defaults not filled in yet). */
export type FaultRequestInput = z.input<typeof faultRequestSchema>;
export type FaultKind = FaultRequest['kind'];
/** Faults that last (the rest are one-shot injections). */
export type LastingFault = Exclude<FaultRequest, { kind: 'poison-command' | 'poison-event' }>;

/** One line per kind, for `GET /faults` and the drill CLI. */
export const FAULT_KINDS: Readonly<Record<FaultKind, string>> = {
  'payment-slow': "payment's card processor takes latencyMs {min,max} longer per authorization",
  'payment-failing':
    "payment's card processor fails errorRate (0–1) of authorizations: UNAVAILABLE",
  'payment-down': 'payment is stopped, and started again when the fault lifts',
  'broker-stopped': 'broker (kafka|amqp) is stopped, and started again when the fault lifts',
  'broker-paused': 'broker (kafka|amqp) is frozen (SIGSTOP) and thawed (SIGCONT) when it lifts',
  'consumer-slow': "app (notification|analytics)'s event handlers take latencyMs longer",
  'consumer-crashing': "app (notification|analytics)'s event handlers throw on every message",
  'poison-command': 'publishes one malformed enrollment.grant-seat.v1 command (one-shot)',
  'poison-event': 'publishes one malformed order.completed.v1 event (one-shot)',
  'network-lossy':
    "checkout's link to payment (to: payment) resets the connection instead of delivering resetRate (0–1) of payment's answers, with optional latencyMs",
};

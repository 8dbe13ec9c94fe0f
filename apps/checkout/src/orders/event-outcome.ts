/**
 * What an order use case did with one event: applied it, recognised a
 * redelivery (inbox), or ignored it as an answer already applied (the same
 * seats granted again to a completed order). An event that contradicts the
 * order is not an outcome but a `Refusal` (`domain/seat-event-check.ts`).
 */
export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

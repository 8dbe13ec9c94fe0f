/**
 * What an order use case did with one event: applied it, recognised a
 * redelivery (inbox), or ignored it because the order had already moved on.
 */
export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

import type { FieldTable } from '../codec/field-table.codec.js';
import { sameTable } from './field-table.compare.js';
import { topicMatches } from './topic-matcher.js';

export type ExchangeType = 'direct' | 'fanout' | 'topic' | 'headers';
export const exchangeTypes: readonly string[] = ['direct', 'fanout', 'topic', 'headers'];

/** Where a binding leads: a queue or (exchange-to-exchange binding) another exchange. */
export interface Destination {
  readonly kind: 'queue' | 'exchange';
  readonly name: string;
}

export interface Binding {
  readonly destination: Destination;
  readonly routingKey: string;
  readonly arguments: FieldTable;
}

export interface ExchangeOptions {
  readonly type: ExchangeType;
  readonly durable: boolean;
  readonly autoDelete: boolean;
  readonly internal: boolean;
  readonly arguments: FieldTable;
}

export class Exchange {
  readonly bindings: Binding[] = [];

  constructor(
    readonly name: string,
    readonly options: ExchangeOptions,
  ) {}

  /** Adds a binding; binding twice is a no-op, as in RabbitMQ. */
  bind(binding: Binding): void {
    if (this.bindings.some((b) => sameBinding(b, binding))) return;
    this.bindings.push(binding);
  }

  unbind(binding: Binding): boolean {
    const index = this.bindings.findIndex((b) => sameBinding(b, binding));
    if (index < 0) return false;
    this.bindings.splice(index, 1);
    return true;
  }

  unbindDestination(destination: Destination): void {
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const d = this.bindings[i]?.destination;
      if (d?.kind === destination.kind && d.name === destination.name) this.bindings.splice(i, 1);
    }
  }

  /** Destinations whose bindings match; duplicates are removed by the caller. */
  route(routingKey: string): Destination[] {
    switch (this.options.type) {
      case 'fanout':
        return this.bindings.map((b) => b.destination);
      case 'direct':
        return this.bindings.filter((b) => b.routingKey === routingKey).map((b) => b.destination);
      case 'topic':
        return this.bindings
          .filter((b) => topicMatches(b.routingKey, routingKey))
          .map((b) => b.destination);
      case 'headers':
        // Headers routing is not implemented: binding to one is refused.
        return [];
    }
  }
}

function sameBinding(a: Binding, b: Binding): boolean {
  return (
    a.destination.kind === b.destination.kind &&
    a.destination.name === b.destination.name &&
    a.routingKey === b.routingKey &&
    sameTable(a.arguments, b.arguments)
  );
}

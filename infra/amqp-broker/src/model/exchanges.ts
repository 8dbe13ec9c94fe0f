import type { FieldTable } from '../codec/field-table.codec.js';
import { AmqpError, accessRefused, notFound, precondition, ReplyCode } from './amqp-error.js';
import {
  Exchange,
  exchangeTypes,
  type Destination,
  type ExchangeOptions,
  type ExchangeType,
} from './exchange.js';

const noArguments: FieldTable = new Map();

// The exchanges every RabbitMQ vhost starts with; '' is the default exchange.
const predeclared: [string, ExchangeType][] = [
  ['', 'direct'],
  ['amq.direct', 'direct'],
  ['amq.fanout', 'fanout'],
  ['amq.topic', 'topic'],
  ['amq.headers', 'headers'],
  ['amq.match', 'headers'],
];

export interface ExchangeDeclaration {
  readonly name: string;
  readonly type: string;
  readonly passive: boolean;
  readonly options: Omit<ExchangeOptions, 'type'>;
}

/** The exchanges of a virtual host and the rules for declaring and deleting them. */
export class Exchanges {
  private readonly byName = new Map<string, Exchange>();

  constructor() {
    for (const [name, type] of predeclared) {
      this.byName.set(
        name,
        new Exchange(name, {
          type,
          durable: true,
          autoDelete: false,
          internal: false,
          arguments: noArguments,
        }),
      );
    }
  }

  all(): Iterable<Exchange> {
    return this.byName.values();
  }

  get(name: string): Exchange {
    const exchange = this.byName.get(name);
    if (exchange === undefined) throw notFound(`exchange '${name}'`);
    return exchange;
  }

  find(name: string): Exchange | undefined {
    return this.byName.get(name);
  }

  /** Declares an exchange; returns it when it was newly created. */
  declare(d: ExchangeDeclaration): Exchange | undefined {
    if (d.passive) {
      assertNotDefault(d.name);
      this.get(d.name);
      return undefined;
    }
    if (!exchangeTypes.includes(d.type))
      throw new AmqpError(ReplyCode.commandInvalid, `unknown exchange type '${d.type}'`);
    assertNotDefault(d.name);
    const type = d.type as ExchangeType;
    const existing = this.byName.get(d.name);
    if (existing !== undefined) {
      assertEquivalent(existing, { ...d.options, type });
      return undefined;
    }
    if (d.name.startsWith('amq.'))
      throw accessRefused(`exchange name '${d.name}' contains reserved prefix 'amq.*'`);
    if (d.options.arguments.has('alternate-exchange'))
      throw new AmqpError(ReplyCode.notImplemented, 'alternate exchanges');
    const exchange = new Exchange(d.name, { ...d.options, type });
    this.byName.set(d.name, exchange);
    return exchange;
  }

  /** Deletes an exchange; a missing one is fine. Returns whether it existed. */
  delete(name: string, ifUnused: boolean): boolean {
    assertNotDefault(name);
    if (name.startsWith('amq.'))
      throw accessRefused(`deletion of system exchange '${name}' in vhost '/' is not allowed`);
    const exchange = this.byName.get(name);
    if (exchange === undefined) return false;
    if (ifUnused && exchange.bindings.length > 0)
      throw precondition(`exchange '${name}' in vhost '/' in use`);
    this.byName.delete(name);
    this.unbindEverywhere({ kind: 'exchange', name });
    return true;
  }

  unbindEverywhere(destination: Destination): void {
    for (const exchange of [...this.byName.values()]) {
      exchange.unbindDestination(destination);
      this.deleteIfUnusedAutoDelete(exchange);
    }
  }

  deleteIfUnusedAutoDelete(exchange: Exchange): void {
    if (
      exchange.options.autoDelete &&
      exchange.bindings.length === 0 &&
      this.byName.get(exchange.name) === exchange
    ) {
      this.byName.delete(exchange.name);
      this.unbindEverywhere({ kind: 'exchange', name: exchange.name });
    }
  }
}

export function assertNotDefault(name: string): void {
  if (name === '') throw accessRefused('operation not permitted on the default exchange');
}

function assertEquivalent(existing: Exchange, requested: ExchangeOptions): void {
  const current = existing.options;
  for (const field of ['type', 'durable', 'autoDelete', 'internal'] as const) {
    if (current[field] !== requested[field]) {
      const wireName = field === 'autoDelete' ? 'auto_delete' : field;
      throw precondition(
        `inequivalent arg '${wireName}' for exchange '${existing.name}' in vhost '/'`,
      );
    }
  }
}

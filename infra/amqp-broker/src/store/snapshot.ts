import type { FieldTable } from '../codec/field-table.codec.js';
import type { Binding, ExchangeOptions } from '../model/exchange.js';
import { isPersistent, type Message } from '../model/message.js';
import type { QueueFlags } from '../model/queue-arguments.js';
import type { Vhost } from '../model/vhost.js';

/** What survives a restart: durable topology and persistent messages in durable queues. */
export interface Snapshot {
  readonly exchanges: { name: string; options: ExchangeOptions }[];
  readonly queues: {
    name: string;
    flags: QueueFlags;
    arguments: FieldTable;
    messages: { message: Message; delivered: boolean }[];
  }[];
  readonly bindings: (Binding & { source: string })[];
}

export function takeSnapshot(vhost: Vhost): Snapshot {
  const exchanges = [...vhost.exchanges.all()].filter(
    (x) => x.options.durable && x.name !== '' && !x.name.startsWith('amq.'),
  );
  const queues = [...vhost.queues.all()].filter((q) => q.flags.durable);
  const durable = new Set<string>([
    ...queues.map((q) => `queue:${q.name}`),
    ...[...vhost.exchanges.all()].filter((x) => x.options.durable).map((x) => `exchange:${x.name}`),
  ]);
  return {
    exchanges: exchanges.map((x) => ({ name: x.name, options: x.options })),
    queues: queues.map((q) => ({
      name: q.name,
      flags: q.flags,
      arguments: q.rawArguments,
      messages: [
        ...[...q.inFlight].map((e) => ({ message: e.message, delivered: true })),
        ...[...q.readyEntries()].map((e) => ({ message: e.message, delivered: e.redelivered })),
      ].filter((m) => isPersistent(m.message)),
    })),
    bindings: [...vhost.exchanges.all()]
      .filter((x) => x.options.durable)
      .flatMap((x) => x.bindings.map((b) => ({ ...b, source: x.name })))
      .filter((b) => durable.has(`${b.destination.kind}:${b.destination.name}`)),
  };
}

export function restoreSnapshot(vhost: Vhost, snapshot: Snapshot): void {
  for (const { name, options } of snapshot.exchanges) {
    vhost.exchanges.declare({ name, type: options.type, passive: false, options });
  }
  for (const q of snapshot.queues) {
    const queue = vhost.declareQueue({
      name: q.name,
      passive: false,
      flags: q.flags,
      arguments: q.arguments,
      connectionId: 0,
    });
    for (const { message, delivered } of q.messages) queue.enqueue(message, Date.now(), delivered);
  }
  for (const b of snapshot.bindings)
    vhost.bind(b.source, b.destination, b.routingKey, b.arguments, 0);
}

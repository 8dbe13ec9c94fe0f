import type { AccessControl } from '../auth/access-control.js';
import type { Vhost } from '../model/vhost.js';
import type { Durability } from '../store/durable-store.js';
import type { BrokerLimits } from './broker-limits.js';
import type { ReplyToRegistry } from './reply-to.registry.js';

/** What every connection shares: the one vhost, the users, the reply-to routes, the limits and the disk. */
export interface BrokerContext {
  readonly vhost: Vhost;
  readonly replyTo: ReplyToRegistry;
  readonly limits: BrokerLimits;
  readonly access: AccessControl;
  /** Present with a data directory: confirms of persistent messages in durable queues wait for it. */
  readonly durability: Durability | undefined;
  nextConnectionId: number;
}

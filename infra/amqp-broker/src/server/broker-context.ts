import type { Vhost } from '../model/vhost.js';
import type { BrokerLimits } from './broker-limits.js';
import type { ReplyToRegistry } from './reply-to.registry.js';

/** What every connection shares: the one vhost, the reply-to routes and the limits. */
export interface BrokerContext {
  readonly vhost: Vhost;
  readonly replyTo: ReplyToRegistry;
  readonly limits: BrokerLimits;
  nextConnectionId: number;
}

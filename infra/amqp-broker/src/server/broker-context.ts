import type { AccessControl } from '../auth/access-control.js';
import type { Vhost } from '../model/vhost.js';
import type { BrokerLimits } from './broker-limits.js';
import type { ReplyToRegistry } from './reply-to.registry.js';

/** What every connection shares: the one vhost, the users, the reply-to routes and the limits. */
export interface BrokerContext {
  readonly vhost: Vhost;
  readonly replyTo: ReplyToRegistry;
  readonly limits: BrokerLimits;
  readonly access: AccessControl;
  nextConnectionId: number;
}

import type { Vhost } from '../model/vhost.js';
import type { ReplyToRegistry } from './reply-to.registry.js';

/** What every connection shares: the one vhost and the reply-to routes. */
export interface BrokerContext {
  readonly vhost: Vhost;
  readonly replyTo: ReplyToRegistry;
  nextConnectionId: number;
}

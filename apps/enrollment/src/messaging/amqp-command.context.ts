import { BaseRpcContext } from '@nestjs/microservices';
import type { ConsumeMessage } from 'amqplib';
import type { ConfirmedMover } from './confirmed-mover.js';

/** What an `@EventPattern` handler of an AMQP command gets as `@Ctx()`: the delivery and its connection's mover. */
export class AmqpCommandContext extends BaseRpcContext<[ConsumeMessage, ConfirmedMover]> {
  getMessage(): ConsumeMessage {
    return this.args[0];
  }

  getMover(): ConfirmedMover {
    return this.args[1];
  }
}

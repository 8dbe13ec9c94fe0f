import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import type { AmqpCommandContext } from '../messaging/amqp-command.context.js';
import { CommandConsumer } from '../messaging/command-consumer.js';
import { grantSeatRoute } from '../messaging/grant-seat.topology.js';
import { CancelGrantHandler } from './cancel-grant/cancel-grant.handler.js';
import { GrantSeatHandler } from './grant-seat/grant-seat.handler.js';

/**
 * enrollment's AMQP entry: the `enrollment.grant-seat` queue, competing with
 * the other instances. It carries both commands of an order, each handed to
 * its use case by its CloudEvent type.
 */
@Controller()
export class SeatCommandsAmqpConsumer {
  constructor(
    private readonly commands: CommandConsumer,
    private readonly grantSeat: GrantSeatHandler,
    private readonly cancelGrant: CancelGrantHandler,
  ) {}

  @EventPattern(grantSeatRoute.queue)
  onCommand(@Ctx() context: AmqpCommandContext) {
    return this.commands.consume(context, {
      'enrollment.grant-seat.v1': (command) => this.grantSeat.execute(command),
      'enrollment.cancel-grant.v1': (command) => this.cancelGrant.execute(command),
    });
  }
}

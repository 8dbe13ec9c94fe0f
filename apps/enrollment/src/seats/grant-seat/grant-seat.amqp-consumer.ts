import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import type { AmqpCommandContext } from '../../messaging/amqp-command.context.js';
import { CommandConsumer } from '../../messaging/command-consumer.js';
import { grantSeatRoute } from '../../messaging/grant-seat.topology.js';
import { GrantSeatHandler } from './grant-seat.handler.js';

/** enrollment's AMQP entry: `enrollment.grant-seat` commands, competing with the other instances. */
@Controller()
export class GrantSeatAmqpConsumer {
  constructor(
    private readonly commands: CommandConsumer,
    private readonly grantSeat: GrantSeatHandler,
  ) {}

  @EventPattern(grantSeatRoute.queue)
  onGrantSeat(@Ctx() context: AmqpCommandContext) {
    return this.commands.consume(context, (command) => this.grantSeat.execute(command));
  }
}

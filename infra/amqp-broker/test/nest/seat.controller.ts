import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload, RmqContext } from '@nestjs/microservices';
import type { Channel, Message } from 'amqplib';

/** What the handlers saw, for the scenario to report. */
export const seen: { events: unknown[] } = { events: [] };

function ack(context: RmqContext): void {
  (context.getChannelRef() as Channel).ack(context.getMessage() as Message);
}

@Controller()
export class SeatController {
  @MessagePattern('seat.grant')
  grant(@Payload() data: { courseId: string }, @Ctx() context: RmqContext): { granted: string } {
    ack(context);
    return { granted: data.courseId };
  }

  @EventPattern('seat.released')
  // Nest 12 types event handler arguments after the payload as unknown.
  released(@Payload() data: unknown, @Ctx() context: unknown): void {
    seen.events.push(data);
    ack(context as RmqContext);
  }
}

import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload, RmqContext } from '@nestjs/microservices';
import type { Channel, Message } from 'amqplib';

export const retryLog: { attempts: number[]; parkingQueue: string; maxAttempts: number } = {
  attempts: [],
  parkingQueue: '',
  maxAttempts: 3,
};

// The attempt number is how often this message was rejected by our own queue.
function attemptOf(message: Message, queue: string): number {
  const deaths = (message.properties.headers?.['x-death'] ?? []) as {
    queue: string;
    reason: string;
    count: number;
  }[];
  return deaths.find((d) => d.queue === queue && d.reason === 'rejected')?.count ?? 0;
}

@Controller()
export class RetryController {
  @EventPattern('job.run')
  run(@Payload() _job: unknown, @Ctx() ctx: unknown): void {
    const context = ctx as RmqContext;
    const channel = context.getChannelRef() as Channel;
    const message = context.getMessage() as Message;
    const attempt = attemptOf(message, message.fields.routingKey);
    retryLog.attempts.push(attempt);
    if (attempt + 1 >= retryLog.maxAttempts) {
      // Out of attempts: park it, then let it go.
      channel.sendToQueue(retryLog.parkingQueue, message.content, {
        headers: message.properties.headers,
      });
      channel.ack(message);
      return;
    }
    // Always fails: reject without requeue, so it waits in the retry queue.
    channel.nack(message, false, false);
  }
}

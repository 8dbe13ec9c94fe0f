import type { KafkaContext } from '@nestjs/microservices';
import { DeadLetterHeaders, dlqTopicOf } from '@shop/contracts';

/** Why a message was dead-lettered: a `parseEvent` rejection, or `HANDLER_FAILED`. */
export interface DeadLetterReason {
  readonly code: string;
  readonly reason: string;
}

/**
 * Publishes the message as it arrived (key, value bytes, headers) to the
 * group's `<topic>.<group>.dlq`, plus headers naming the group, the reason and
 * the source, through the transport's producer. Resolves once the broker has
 * it; if that fails, the caller must not commit.
 */
export async function publishDeadLetter(
  context: KafkaContext,
  group: string,
  why: DeadLetterReason,
): Promise<void> {
  const message = context.getMessage();
  await context.getProducer().send({
    topic: dlqTopicOf(context.getTopic(), group),
    messages: [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          [DeadLetterHeaders.reason]: why.reason,
          [DeadLetterHeaders.code]: why.code,
          [DeadLetterHeaders.group]: group,
          [DeadLetterHeaders.source]: `${context.getTopic()}/${context.getPartition()}/${message.offset}`,
        },
      },
    ],
  });
}

-- An explicit destination on every outbox row: a Kafka row names its topic,
-- an AMQP row its exchange and routing key, instead of `topic` doubling as
-- the routing key while the exchange lived in the relay's configuration
-- (docs/adr/0019-one-service-shape.md).

-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN "exchange" TEXT,
ADD COLUMN "routing_key" TEXT,
ALTER COLUMN "topic" DROP NOT NULL;

-- Each transport's columns, and only those.
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_destination_check" CHECK (
  ("destination" = 'KAFKA' AND "topic" IS NOT NULL AND "exchange" IS NULL AND "routing_key" IS NULL)
  OR ("destination" = 'AMQP' AND "topic" IS NULL AND "exchange" IS NOT NULL AND "routing_key" IS NOT NULL)
);

-- The purchase flow: an order is findable by the Idempotency-Key that placed
-- it (so a retry after a crash resumes the same order instead of placing a
-- second one), remembers its refund, and the Kafka consumer gets its inbox.

-- AlterTable
ALTER TABLE "orders" ADD COLUMN "idempotency_key" TEXT NOT NULL,
ADD COLUMN "refund_id" UUID;

-- CreateTable
CREATE TABLE "inbox_messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "message_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "orders_idempotency_key_key" ON "orders"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_messages_message_id_key" ON "inbox_messages"("message_id");

-- CreateIndex
CREATE INDEX "inbox_messages_received_at_idx" ON "inbox_messages"("received_at");

-- Tracing through the outbox: the W3C trace context of the transaction that
-- wrote a message, so the relay's publish span can link back to it
-- (docs/patterns/tracing.md). NULL when that transaction was not traced.

-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN "trace_context" JSONB;

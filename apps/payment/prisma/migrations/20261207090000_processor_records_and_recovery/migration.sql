-- CreateEnum
CREATE TYPE "simulated_processor_outcome" AS ENUM ('APPROVED', 'DECLINED', 'VOIDED');

-- CreateTable
CREATE TABLE "simulated_processor_authorizations" (
    "idempotency_key" TEXT NOT NULL,
    "outcome" "simulated_processor_outcome" NOT NULL,
    "decline_reason" TEXT,
    "card_last4" CHAR(4),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "simulated_processor_authorizations_pkey" PRIMARY KEY ("idempotency_key")
);

-- CreateIndex
CREATE INDEX "payments_status_updated_at_idx" ON "payments"("status", "updated_at");

-- CreateEnum
CREATE TYPE "order_outcome" AS ENUM ('COMPLETED', 'CANCELLED');

-- CreateTable
CREATE TABLE "counted_orders" (
    "order_id" UUID NOT NULL,
    "outcome" "order_outcome" NOT NULL,
    "learner_id" UUID NOT NULL,
    "lines" TEXT NOT NULL,
    "counted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "counted_orders_pkey" PRIMARY KEY ("order_id")
);

-- A tombstone per order whose grant checkout cancelled (cancel-grant.v1):
-- written in the transaction that releases the order's seats, under the
-- order's advisory lock, so a grant-seat command for it arriving later is
-- refused (docs/adr/0026-recovering-uncertain-outcomes.md).

-- CreateTable
CREATE TABLE "cancelled_grants" (
    "order_id" UUID NOT NULL,
    "learner_id" UUID NOT NULL,
    "command_id" TEXT NOT NULL,
    "released" INTEGER NOT NULL,
    "cancelled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cancelled_grants_pkey" PRIMARY KEY ("order_id")
);

-- AlterTable: a renewable lease per in-flight key (rows claimed before it keep the old 60 s lease).
ALTER TABLE "idempotency_keys" ADD COLUMN "lease_expires_at" TIMESTAMPTZ(3);
UPDATE "idempotency_keys" SET "lease_expires_at" = "created_at" + interval '60 seconds';
ALTER TABLE "idempotency_keys" ALTER COLUMN "lease_expires_at" SET NOT NULL;

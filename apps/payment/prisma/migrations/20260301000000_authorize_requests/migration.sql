-- AlterEnum
ALTER TYPE "payment_status" ADD VALUE 'PENDING';

-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "learner_id" TEXT,
ADD COLUMN     "request_fingerprint" TEXT;

-- The order events carry no e-mail address (personal data stays with its
-- owner); the mail sink records the receipt addressed to the learner id, and
-- the address stays empty until a learner directory exists.
-- AlterTable
ALTER TABLE "receipts" ALTER COLUMN "email" DROP NOT NULL;

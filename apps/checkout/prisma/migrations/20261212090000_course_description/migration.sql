-- A course's description: what a learner reads before buying. Additive: old
-- rows get an empty one until the catalog is edited (the demo seed fills it).

-- AlterTable
ALTER TABLE "courses" ADD COLUMN "description" TEXT NOT NULL DEFAULT '';

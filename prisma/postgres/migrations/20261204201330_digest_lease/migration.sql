-- AlterTable
ALTER TABLE "DigestRun" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "delivered" JSONB;

-- A run claimed before this migration was claimed when it was created.
UPDATE "DigestRun" SET "claimedAt" = "createdAt";

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "slackChannel" TEXT,
ADD COLUMN     "slackTs" TEXT;

-- A row claimed before this migration was claimed when it was created.
UPDATE "Notification" SET "claimedAt" = "createdAt";

-- AlterTable
ALTER TABLE "Call" ADD COLUMN "callTypeCue" TEXT;
ALTER TABLE "Call" ADD COLUMN "dateSource" TEXT;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN "company" JSONB;
ALTER TABLE "Team" ADD COLUMN "greetings" JSONB;

-- CreateTable
CREATE TABLE "Erasure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "scores" INTEGER NOT NULL DEFAULT 0,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "disputes" INTEGER NOT NULL DEFAULT 0,
    "decisions" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RetentionRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "cutoff" DATETIME NOT NULL,
    "deleted" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "claimedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "RetentionRun_key_key" ON "RetentionRun"("key");

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "callTypeCue" TEXT,
ADD COLUMN     "dateSource" TEXT;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "company" JSONB,
ADD COLUMN     "greetings" JSONB;

-- CreateTable
CREATE TABLE "Erasure" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "scores" INTEGER NOT NULL DEFAULT 0,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "disputes" INTEGER NOT NULL DEFAULT 0,
    "decisions" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Erasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionRun" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "cutoff" TIMESTAMP(3) NOT NULL,
    "deleted" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RetentionRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RetentionRun_key_key" ON "RetentionRun"("key");

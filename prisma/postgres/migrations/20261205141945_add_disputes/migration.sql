-- CreateTable
CREATE TABLE "Dispute" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "criterionKey" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "raisedBy" TEXT NOT NULL,
    "proposedLevel" INTEGER,
    "reason" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "openKey" TEXT,
    "aiLevel" INTEGER,
    "aiScore" DOUBLE PRECISION,
    "newLevel" INTEGER,
    "resolvedBy" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "note" TEXT,
    "requestId" TEXT,
    "history" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Dispute_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Dispute_openKey_key" ON "Dispute"("openKey");

-- CreateIndex
CREATE INDEX "Dispute_state_createdAt_idx" ON "Dispute"("state", "createdAt");

-- CreateIndex
CREATE INDEX "Dispute_callId_idx" ON "Dispute"("callId");

-- CreateIndex
CREATE UNIQUE INDEX "Dispute_requestId_key" ON "Dispute"("requestId");

-- AddForeignKey
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Call" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "callType" TEXT,
    "callTypeInferred" BOOLEAN NOT NULL DEFAULT false,
    "reviewReason" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "turns" JSONB,
    "source" TEXT NOT NULL,
    "sourceName" TEXT,
    "externalId" TEXT,
    "contentHash" TEXT,
    "redactions" JSONB,
    "frustration" TEXT,
    "summary" TEXT,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "failureReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Call_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Call" ("agentId", "attempts", "callType", "contentHash", "createdAt", "externalId", "failureReason", "frustration", "id", "kind", "leaseOwner", "leaseUntil", "nextAttemptAt", "occurredAt", "redactions", "source", "sourceName", "state", "summary", "turns", "updatedAt") SELECT "agentId", "attempts", "callType", "contentHash", "createdAt", "externalId", "failureReason", "frustration", "id", "kind", "leaseOwner", "leaseUntil", "nextAttemptAt", "occurredAt", "redactions", "source", "sourceName", "state", "summary", "turns", "updatedAt" FROM "Call";
DROP TABLE "Call";
ALTER TABLE "new_Call" RENAME TO "Call";
CREATE UNIQUE INDEX "Call_externalId_key" ON "Call"("externalId");
CREATE INDEX "Call_state_nextAttemptAt_idx" ON "Call"("state", "nextAttemptAt");
CREATE INDEX "Call_agentId_occurredAt_idx" ON "Call"("agentId", "occurredAt");
CREATE INDEX "Call_agentId_callType_kind_occurredAt_idx" ON "Call"("agentId", "callType", "kind", "occurredAt");
CREATE UNIQUE INDEX "Call_agentId_contentHash_key" ON "Call"("agentId", "contentHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

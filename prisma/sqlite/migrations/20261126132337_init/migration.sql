-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "digestChannel" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TeamManager" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "slackUserId" TEXT,
    "email" TEXT,
    "name" TEXT,
    CONSTRAINT "TeamManager_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "slackUserId" TEXT,
    "email" TEXT,
    "displayName" TEXT NOT NULL,
    "teamId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Agent_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgentIdentifier" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    CONSTRAINT "AgentIdentifier_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CallType" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RubricVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RubricCriterion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rubricVersionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "weight" REAL NOT NULL,
    "description" TEXT NOT NULL,
    "exemplary" TEXT NOT NULL,
    "deficient" TEXT NOT NULL,
    "levels" JSONB,
    "callTypes" JSONB,
    CONSTRAINT "RubricCriterion_rubricVersionId_fkey" FOREIGN KEY ("rubricVersionId") REFERENCES "RubricVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingProgram" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "targetedCriteria" JSONB NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "completesAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProgramEnrollment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    CONSTRAINT "ProgramEnrollment_programId_fkey" FOREIGN KEY ("programId") REFERENCES "TrainingProgram" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgramEnrollment_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Call" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "callType" TEXT,
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

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "callId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "scorer" TEXT NOT NULL,
    "model" TEXT,
    "reviewer" TEXT,
    "rubricVersionId" TEXT,
    "promptVersion" TEXT,
    "overall" REAL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "latencyMs" INTEGER,
    "promptTokens" INTEGER,
    "completionTokens" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evaluation_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evaluation_rubricVersionId_fkey" FOREIGN KEY ("rubricVersionId") REFERENCES "RubricVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CriterionScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "evaluationId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "criterionKey" TEXT NOT NULL,
    "level" INTEGER,
    "score" REAL,
    "applicable" BOOLEAN NOT NULL DEFAULT true,
    "confidence" TEXT NOT NULL DEFAULT 'high',
    "rationale" TEXT,
    "evidence" JSONB,
    CONSTRAINT "CriterionScore_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CriterionScore_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Exclusion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "callId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" DATETIME,
    "undoneBy" TEXT,
    CONSTRAINT "Exclusion_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReadinessDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "callType" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'approved',
    "approvedBy" TEXT NOT NULL,
    "approvedAt" DATETIME NOT NULL,
    "evidence" JSONB NOT NULL,
    CONSTRAINT "ReadinessDecision_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "DigestRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    CONSTRAINT "DigestRun_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_key_key" ON "Team"("key");

-- CreateIndex
CREATE UNIQUE INDEX "TeamManager_teamId_slackUserId_key" ON "TeamManager"("teamId", "slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "TeamManager_teamId_email_key" ON "TeamManager"("teamId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_key_key" ON "Agent"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_slackUserId_key" ON "Agent"("slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_email_key" ON "Agent"("email");

-- CreateIndex
CREATE INDEX "AgentIdentifier_kind_value_idx" ON "AgentIdentifier"("kind", "value");

-- CreateIndex
CREATE UNIQUE INDEX "AgentIdentifier_kind_value_agentId_key" ON "AgentIdentifier"("kind", "value", "agentId");

-- CreateIndex
CREATE UNIQUE INDEX "CallType_key_key" ON "CallType"("key");

-- CreateIndex
CREATE UNIQUE INDEX "RubricVersion_version_key" ON "RubricVersion"("version");

-- CreateIndex
CREATE INDEX "RubricVersion_hash_idx" ON "RubricVersion"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "RubricCriterion_rubricVersionId_key_key" ON "RubricCriterion"("rubricVersionId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingProgram_key_key" ON "TrainingProgram"("key");

-- CreateIndex
CREATE INDEX "ProgramEnrollment_agentId_idx" ON "ProgramEnrollment"("agentId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgramEnrollment_programId_agentId_key" ON "ProgramEnrollment"("programId", "agentId");

-- CreateIndex
CREATE UNIQUE INDEX "Call_externalId_key" ON "Call"("externalId");

-- CreateIndex
CREATE INDEX "Call_state_nextAttemptAt_idx" ON "Call"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Call_agentId_occurredAt_idx" ON "Call"("agentId", "occurredAt");

-- CreateIndex
CREATE INDEX "Call_agentId_callType_kind_occurredAt_idx" ON "Call"("agentId", "callType", "kind", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Call_agentId_contentHash_key" ON "Call"("agentId", "contentHash");

-- CreateIndex
CREATE INDEX "Evaluation_callId_source_current_idx" ON "Evaluation"("callId", "source", "current");

-- CreateIndex
CREATE INDEX "CriterionScore_callId_criterionKey_source_current_idx" ON "CriterionScore"("callId", "criterionKey", "source", "current");

-- CreateIndex
CREATE INDEX "CriterionScore_criterionKey_source_current_idx" ON "CriterionScore"("criterionKey", "source", "current");

-- CreateIndex
CREATE INDEX "Exclusion_callId_undoneAt_idx" ON "Exclusion"("callId", "undoneAt");

-- CreateIndex
CREATE INDEX "ReadinessDecision_agentId_callType_idx" ON "ReadinessDecision"("agentId", "callType");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_key_key" ON "Notification"("key");

-- CreateIndex
CREATE UNIQUE INDEX "DigestRun_key_key" ON "DigestRun"("key");

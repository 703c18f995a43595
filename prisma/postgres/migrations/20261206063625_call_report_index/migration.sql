-- DropIndex
DROP INDEX "Call_agentId_occurredAt_idx";

-- CreateIndex
CREATE INDEX "Call_report_idx" ON "Call"("agentId", "occurredAt", "id", "state", "callType", "kind", "externalId", "frustration", "reviewReason");

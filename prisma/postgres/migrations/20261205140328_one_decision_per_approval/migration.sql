/*
  Warnings:

  - A unique constraint covering the columns `[agentId,callType,status]` on the table `ReadinessDecision` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "ReadinessDecision_agentId_callType_idx";

-- Races before this key could store several decisions for one approval: keep the first of each (hand-written).
DELETE FROM "ReadinessDecision" WHERE "id" IN (
  SELECT d."id" FROM "ReadinessDecision" d WHERE EXISTS (
    SELECT 1 FROM "ReadinessDecision" e
    WHERE e."agentId" = d."agentId" AND e."callType" = d."callType" AND e."status" = d."status"
      AND (e."approvedAt" < d."approvedAt" OR (e."approvedAt" = d."approvedAt" AND e."id" < d."id"))
  )
);

-- CreateIndex
CREATE UNIQUE INDEX "ReadinessDecision_agentId_callType_status_key" ON "ReadinessDecision"("agentId", "callType", "status");

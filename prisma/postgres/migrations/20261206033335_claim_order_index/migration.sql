-- CreateIndex
CREATE INDEX "Call_state_createdAt_id_nextAttemptAt_idx" ON "Call"("state", "createdAt", "id", "nextAttemptAt");

-- DropIndex
DROP INDEX "Evaluation_callId_source_current_idx";

-- CreateIndex
CREATE INDEX "Evaluation_callId_source_current_scorer_model_idx" ON "Evaluation"("callId", "source", "current", "scorer", "model");

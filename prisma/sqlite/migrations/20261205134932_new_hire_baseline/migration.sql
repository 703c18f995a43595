-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TrainingProgram" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "targetedCriteria" JSONB NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "completesAt" DATETIME NOT NULL,
    "baseline" TEXT NOT NULL DEFAULT 'pre_training',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_TrainingProgram" ("completesAt", "createdAt", "id", "key", "name", "startsAt", "targetedCriteria", "updatedAt") SELECT "completesAt", "createdAt", "id", "key", "name", "startsAt", "targetedCriteria", "updatedAt" FROM "TrainingProgram";
DROP TABLE "TrainingProgram";
ALTER TABLE "new_TrainingProgram" RENAME TO "TrainingProgram";
CREATE UNIQUE INDEX "TrainingProgram_key_key" ON "TrainingProgram"("key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

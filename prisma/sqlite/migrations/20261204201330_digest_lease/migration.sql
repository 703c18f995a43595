-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DigestRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered" JSONB,
    "sentAt" DATETIME,
    CONSTRAINT "DigestRun_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- A run claimed before this migration was claimed when it was created.
INSERT INTO "new_DigestRun" ("claimedAt", "createdAt", "error", "id", "key", "periodEnd", "periodStart", "sentAt", "status", "teamId") SELECT "createdAt", "createdAt", "error", "id", "key", "periodEnd", "periodStart", "sentAt", "status", "teamId" FROM "DigestRun";
DROP TABLE "DigestRun";
ALTER TABLE "new_DigestRun" RENAME TO "DigestRun";
CREATE UNIQUE INDEX "DigestRun_key_key" ON "DigestRun"("key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

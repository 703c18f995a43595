-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "slackChannel" TEXT,
    "slackTs" TEXT,
    "sentAt" DATETIME
);
-- A row claimed before this migration was claimed when it was created.
INSERT INTO "new_Notification" ("attempts", "claimedAt", "createdAt", "error", "id", "key", "kind", "payload", "recipient", "sentAt", "status") SELECT "attempts", "createdAt", "createdAt", "error", "id", "key", "kind", "payload", "recipient", "sentAt", "status" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE UNIQUE INDEX "Notification_key_key" ON "Notification"("key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

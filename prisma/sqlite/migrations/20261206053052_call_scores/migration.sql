-- CreateTable
CREATE TABLE "CallScores" (
    "callId" TEXT NOT NULL PRIMARY KEY,
    "scores" TEXT,
    "scorers" TEXT
);

-- What a report reads of a call's scores, kept by the database (ADR 0060). "CallScoresLive" computes the
-- line of every call from its rows: its current applicable scores, by criterion and source, as
-- `criterion source confidence score q|n` (q: the score has evidence quotes), comma-separated; and the
-- scorer (with char(31) and the model, when it has one) of each current AI evaluation, char(30) between
-- them. Each trigger below writes the line of the call it touched again from the view; a call that is gone
-- has no line (the view has no row for it, and its own delete removes its line).
CREATE VIEW "CallScoresLive" AS
SELECT c."id" AS "callId",
       (SELECT STRING_AGG(s."criterionKey" || ' ' || s."source" || ' ' || s."confidence" || ' ' || CAST(s."score" AS TEXT) || ' ' ||
                         CASE WHEN s."evidence" IS NULL OR CAST(s."evidence" AS TEXT) IN ('null', '[]') THEN 'n' ELSE 'q' END,
                         ',' ORDER BY s."criterionKey", s."source")
        FROM "CriterionScore" s WHERE s."callId" = c."id" AND s."current" AND s."applicable" AND s."score" IS NOT NULL) AS "scores",
       (SELECT STRING_AGG(v."scorer" || COALESCE(char(31) || v."model", ''), char(30) ORDER BY v."scorer", v."model")
        FROM "Evaluation" v WHERE v."callId" = c."id" AND v."source" = 'ai' AND v."current") AS "scorers"
FROM "Call" c;

CREATE TRIGGER "CriterionScore_callScores_insert" AFTER INSERT ON "CriterionScore" BEGIN
  INSERT INTO "CallScores" ("callId", "scores", "scorers")
  SELECT "callId", "scores", "scorers" FROM "CallScoresLive" WHERE "callId" = NEW."callId"
  ON CONFLICT ("callId") DO UPDATE SET "scores" = excluded."scores", "scorers" = excluded."scorers";
END;

CREATE TRIGGER "CriterionScore_callScores_update" AFTER UPDATE ON "CriterionScore" BEGIN
  INSERT INTO "CallScores" ("callId", "scores", "scorers")
  SELECT "callId", "scores", "scorers" FROM "CallScoresLive" WHERE "callId" = NEW."callId"
  ON CONFLICT ("callId") DO UPDATE SET "scores" = excluded."scores", "scorers" = excluded."scorers";
  INSERT INTO "CallScores" ("callId", "scores", "scorers")
  SELECT "callId", "scores", "scorers" FROM "CallScoresLive" WHERE "callId" = OLD."callId" AND OLD."callId" <> NEW."callId"
  ON CONFLICT ("callId") DO UPDATE SET "scores" = excluded."scores", "scorers" = excluded."scorers";
END;

CREATE TRIGGER "CriterionScore_callScores_delete" AFTER DELETE ON "CriterionScore" BEGIN
  INSERT INTO "CallScores" ("callId", "scores", "scorers")
  SELECT "callId", "scores", "scorers" FROM "CallScoresLive" WHERE "callId" = OLD."callId"
  ON CONFLICT ("callId") DO UPDATE SET "scores" = excluded."scores", "scorers" = excluded."scorers";
END;

CREATE TRIGGER "Evaluation_callScores_insert" AFTER INSERT ON "Evaluation" BEGIN
  INSERT INTO "CallScores" ("callId", "scores", "scorers")
  SELECT "callId", "scores", "scorers" FROM "CallScoresLive" WHERE "callId" = NEW."callId"
  ON CONFLICT ("callId") DO UPDATE SET "scores" = excluded."scores", "scorers" = excluded."scorers";
END;

CREATE TRIGGER "Evaluation_callScores_update" AFTER UPDATE ON "Evaluation" BEGIN
  INSERT INTO "CallScores" ("callId", "scores", "scorers")
  SELECT "callId", "scores", "scorers" FROM "CallScoresLive" WHERE "callId" = NEW."callId"
  ON CONFLICT ("callId") DO UPDATE SET "scores" = excluded."scores", "scorers" = excluded."scorers";
  INSERT INTO "CallScores" ("callId", "scores", "scorers")
  SELECT "callId", "scores", "scorers" FROM "CallScoresLive" WHERE "callId" = OLD."callId" AND OLD."callId" <> NEW."callId"
  ON CONFLICT ("callId") DO UPDATE SET "scores" = excluded."scores", "scorers" = excluded."scorers";
END;

CREATE TRIGGER "Evaluation_callScores_delete" AFTER DELETE ON "Evaluation" BEGIN
  INSERT INTO "CallScores" ("callId", "scores", "scorers")
  SELECT "callId", "scores", "scorers" FROM "CallScoresLive" WHERE "callId" = OLD."callId"
  ON CONFLICT ("callId") DO UPDATE SET "scores" = excluded."scores", "scorers" = excluded."scorers";
END;

CREATE TRIGGER "Call_callScores_delete" AFTER DELETE ON "Call" BEGIN
  DELETE FROM "CallScores" WHERE "callId" = OLD."id";
END;

-- Every call already stored gets its line.
INSERT INTO "CallScores" ("callId", "scores", "scorers") SELECT "callId", "scores", "scorers" FROM "CallScoresLive";

-- CreateTable
CREATE TABLE "CallScores" (
    "callId" TEXT NOT NULL,
    "scores" TEXT,
    "scorers" TEXT,

    CONSTRAINT "CallScores_pkey" PRIMARY KEY ("callId")
);

-- What a report reads of a call's scores, kept by the database (ADR 0060). "CallScoresLive" computes the
-- line of every call from its rows: its current applicable scores, by criterion and source, as
-- `criterion source confidence score q|n` (q: the score has evidence quotes), comma-separated; and the
-- scorer (with chr(31) and the model, when it has one) of each current AI evaluation, chr(30) between
-- them. After each statement that writes scores or evaluations, the lines of the calls it touched are
-- written again from the view (once per statement, from its transition table); a call that is gone has
-- no line. The functions run with this schema on their search path, whatever the session's.
CREATE VIEW "CallScoresLive" AS
SELECT c."id" AS "callId",
       (SELECT STRING_AGG(s."criterionKey" || ' ' || s."source" || ' ' || s."confidence" || ' ' || CAST(s."score" AS TEXT) || ' ' ||
                         CASE WHEN s."evidence" IS NULL OR s."evidence" IN ('null'::jsonb, '[]'::jsonb) THEN 'n' ELSE 'q' END,
                         ',' ORDER BY s."criterionKey", s."source")
        FROM "CriterionScore" s WHERE s."callId" = c."id" AND s."current" AND s."applicable" AND s."score" IS NOT NULL) AS "scores",
       (SELECT STRING_AGG(v."scorer" || COALESCE(chr(31) || v."model", ''), chr(30) ORDER BY v."scorer", v."model")
        FROM "Evaluation" v WHERE v."callId" = c."id" AND v."source" = 'ai' AND v."current") AS "scorers"
FROM "Call" c;

CREATE FUNCTION "call_scores_of_new_rows"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO "CallScores" ("callId", "scores", "scorers")
  SELECT l."callId", l."scores", l."scorers" FROM "CallScoresLive" l WHERE l."callId" IN (SELECT DISTINCT "callId" FROM new_rows)
  ON CONFLICT ("callId") DO UPDATE SET "scores" = excluded."scores", "scorers" = excluded."scorers";
  RETURN NULL;
END $$;

CREATE FUNCTION "call_scores_of_old_rows"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO "CallScores" ("callId", "scores", "scorers")
  SELECT l."callId", l."scores", l."scorers" FROM "CallScoresLive" l WHERE l."callId" IN (SELECT DISTINCT "callId" FROM old_rows)
  ON CONFLICT ("callId") DO UPDATE SET "scores" = excluded."scores", "scorers" = excluded."scorers";
  RETURN NULL;
END $$;

CREATE FUNCTION "call_scores_of_updated_rows"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO "CallScores" ("callId", "scores", "scorers")
  SELECT l."callId", l."scores", l."scorers" FROM "CallScoresLive" l
  WHERE l."callId" IN (SELECT "callId" FROM new_rows UNION SELECT "callId" FROM old_rows)
  ON CONFLICT ("callId") DO UPDATE SET "scores" = excluded."scores", "scorers" = excluded."scorers";
  RETURN NULL;
END $$;

CREATE FUNCTION "call_scores_of_deleted_calls"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM "CallScores" WHERE "callId" IN (SELECT "id" FROM old_rows);
  RETURN NULL;
END $$;

CREATE TRIGGER "CriterionScore_callScores_insert" AFTER INSERT ON "CriterionScore"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "call_scores_of_new_rows"();
CREATE TRIGGER "CriterionScore_callScores_update" AFTER UPDATE ON "CriterionScore"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "call_scores_of_updated_rows"();
CREATE TRIGGER "CriterionScore_callScores_delete" AFTER DELETE ON "CriterionScore"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "call_scores_of_old_rows"();

CREATE TRIGGER "Evaluation_callScores_insert" AFTER INSERT ON "Evaluation"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "call_scores_of_new_rows"();
CREATE TRIGGER "Evaluation_callScores_update" AFTER UPDATE ON "Evaluation"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "call_scores_of_updated_rows"();
CREATE TRIGGER "Evaluation_callScores_delete" AFTER DELETE ON "Evaluation"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "call_scores_of_old_rows"();

CREATE TRIGGER "Call_callScores_delete" AFTER DELETE ON "Call"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "call_scores_of_deleted_calls"();

-- Every call already stored gets its line.
INSERT INTO "CallScores" ("callId", "scores", "scorers") SELECT "callId", "scores", "scorers" FROM "CallScoresLive";

-- AlterTable
ALTER TABLE "RubricCriterion" ADD COLUMN "about" TEXT;

-- AlterTable
ALTER TABLE "TrainingProgram" ADD COLUMN     "baseline" TEXT NOT NULL DEFAULT 'pre_training';

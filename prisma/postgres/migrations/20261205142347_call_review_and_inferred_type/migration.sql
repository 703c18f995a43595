-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "callTypeInferred" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reviewReason" TEXT;

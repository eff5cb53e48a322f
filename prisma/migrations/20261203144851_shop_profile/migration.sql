-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "currencyCode" TEXT;
ALTER TABLE "Shop" ADD COLUMN "policies" JSONB;
ALTER TABLE "Shop" ADD COLUMN "policiesRefreshedAt" DATETIME;


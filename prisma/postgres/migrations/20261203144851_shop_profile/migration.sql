-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "currencyCode" TEXT,
ADD COLUMN     "policies" JSONB,
ADD COLUMN     "policiesRefreshedAt" TIMESTAMP(3);


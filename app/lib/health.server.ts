import { db } from "./db.server";
import { logger } from "./logger.server";

export async function checkDatabase(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;

    return true;
  } catch (error) {
    logger.error("database health check failed", { error: String(error) });

    return false;
  }
}

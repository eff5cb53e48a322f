/**
 * The app's recurring housekeeping, started once by the server in every
 * instance: each job here is safe to run in all of them at once.
 */
import { purgeExpiredIdempotencyRecords } from "../acp/idempotency.server";
import { databaseFlavour } from "../lib/database-url";
import { db } from "../lib/db.server";
import { getEnv } from "../lib/env.server";
import { logger } from "../lib/logger.server";
import { startSqliteCheckpoints } from "../lib/sqlite-checkpoints.server";
import { startSchedule, type ScheduledJob } from "./scheduler.server";

export const HOUR_MS = 60 * 60 * 1000;

export interface ScheduledJobsOptions {
  now?: () => Date;
  /** How often each job runs; hourly unless a test or sandbox says so. */
  intervalMs?: number;
  random?: () => number;
}

export function scheduledJobs(intervalMs = HOUR_MS): ScheduledJob[] {
  return [
    {
      name: "purge-idempotency-records",
      intervalMs,
      run: purgeIdempotencyRecords,
    },
  ];
}

/**
 * Starts the jobs, and on SQLite the checkpoints of its log
 * (lib/sqlite-checkpoints.server.ts); the returned function stops them
 * (on shutdown).
 */
export function startScheduledJobs(
  options: ScheduledJobsOptions = {},
): () => void {
  const stopJobs = startSchedule(scheduledJobs(options.intervalMs), options);
  const url = getEnv().DATABASE_URL;
  const checkpoints =
    databaseFlavour(url) === "sqlite"
      ? startSqliteCheckpoints(db, url).catch((error: unknown) => {
          logger.warn("SQLite checkpoints stay on the app's connection", {
            error: String(error),
          });
          return async () => {};
        })
      : undefined;

  return () => {
    stopJobs();
    void checkpoints?.then((stop) => stop());
  };
}

async function purgeIdempotencyRecords(now: Date) {
  const count = await purgeExpiredIdempotencyRecords(now);
  if (count > 0) logger.info("idempotency records purged", { count });
  else logger.debug("no idempotency records to purge");
}

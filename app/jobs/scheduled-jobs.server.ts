/**
 * The app's recurring housekeeping, started once by the server in every
 * instance: each job here is safe to run in all of them at once.
 */
import { purgeExpiredIdempotencyRecords } from "../acp/idempotency.server";
import { logger } from "../lib/logger.server";
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

/** Starts the jobs; the returned function stops them (on shutdown). */
export function startScheduledJobs(
  options: ScheduledJobsOptions = {},
): () => void {
  return startSchedule(scheduledJobs(options.intervalMs), options);
}

async function purgeIdempotencyRecords(now: Date) {
  const count = await purgeExpiredIdempotencyRecords(now);
  if (count > 0) logger.info("idempotency records purged", { count });
  else logger.debug("no idempotency records to purge");
}

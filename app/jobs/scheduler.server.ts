/**
 * Runs jobs on a fixed interval in this process, with jitter so that
 * several app instances started together do not all run at once. A job
 * must be safe to run in every instance (each is a single idempotent
 * statement or similar); nothing here elects a leader.
 *
 * A run never overlaps the previous one of the same job, an error is
 * logged and the next run still comes, and the timers never keep the
 * process alive.
 */
import { logger } from "../lib/logger.server";

export interface ScheduledJob {
  name: string;
  intervalMs: number;
  run(now: Date): Promise<unknown>;
}

export interface SchedulerOptions {
  now?: () => Date;
  /** Uniform in [0, 1); Math.random unless a test fixes it. */
  random?: () => number;
}

/** Spread of the first run, as a share of the interval. */
const FIRST_RUN_SPREAD = 0.1;
/** Each later run comes at the interval ± this share of it. */
const JITTER = 0.1;

/** Starts every job; the returned function stops them all. */
export function startSchedule(
  jobs: ScheduledJob[],
  options: SchedulerOptions = {},
): () => void {
  const stops = jobs.map((job) => startJob(job, options));

  return () => stops.forEach((stop) => stop());
}

function startJob(job: ScheduledJob, options: SchedulerOptions): () => void {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => void tick(), delayMs);
    timer.unref();
  };
  const tick = async () => {
    await runOnce(job, now());
    schedule(job.intervalMs * (1 - JITTER + 2 * JITTER * random()));
  };

  schedule(job.intervalMs * FIRST_RUN_SPREAD * random());

  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

async function runOnce(job: ScheduledJob, now: Date) {
  try {
    await job.run(now);
  } catch (error) {
    logger.error("scheduled job failed", {
      job: job.name,
      error: String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
  }
}

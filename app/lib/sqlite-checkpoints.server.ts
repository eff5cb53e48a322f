/**
 * WAL checkpoints away from the request path, on SQLite.
 *
 * In WAL mode SQLite copies the log back into the database file at each
 * checkpoint, and syncs the file to disk then. By default the connection
 * whose commit takes the log past 1,000 pages does it, on the spot; the
 * app's connection is better-sqlite3, which runs on the main thread, so
 * every request in the process would wait for that sync (several
 * milliseconds on ordinary disks, many on a busy one).
 *
 * The server therefore turns automatic checkpoints off on the app's
 * connection and runs them from a worker thread with its own connection,
 * every second. They are PASSIVE: they copy what no reader still needs and
 * never wait for, nor block, the app's writes. Should the worker fail,
 * automatic checkpoints come back on, so the log never grows unbounded.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Db } from "./db.server";
import { logger } from "./logger.server";

const INTERVAL_MS = 1_000;
/** SQLite's own default for wal_autocheckpoint, restored on failure. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

// An ES module evaluated in the worker. The driver's location comes from
// the main thread, so it loads whatever directory the server started in.
const WORKER_SOURCE = `
import { parentPort, workerData } from "node:worker_threads";
const { default: Database } = await import(workerData.driverUrl);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    // Another process checkpointing at the same moment, say: next time.
    parentPort.postMessage(String(error));
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Starts checkpointing the SQLite file at `url` (`file:...`); the returned
 * function stops it and gives checkpoints back to the app's connection.
 */
export async function startSqliteCheckpoints(
  db: Db,
  url: string,
  intervalMs = INTERVAL_MS,
): Promise<() => Promise<void>> {
  await db.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0");
  const require = createRequire(import.meta.url);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driverUrl: pathToFileURL(require.resolve("better-sqlite3")).href,
      file: url.replace(/^file:/, ""),
      intervalMs,
    },
  });
  worker.unref();

  let stopped = false;
  const restore = () =>
    db
      .$queryRawUnsafe(
        `PRAGMA wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`,
      )
      .catch((error: unknown) => {
        logger.error("wal_autocheckpoint not restored", {
          error: String(error),
        });
      });
  const fallBack = (reason: string) => {
    if (stopped) return;
    stopped = true;
    logger.warn("SQLite checkpoints are back on the app's connection", {
      reason,
    });
    void restore();
  };
  worker.on("message", (error: string) => {
    logger.warn("SQLite checkpoint failed; retrying", { error });
  });
  worker.on("error", (error) => fallBack(String(error)));
  worker.on("exit", (code) => fallBack(`checkpoint worker exited (${code})`));

  return async () => {
    if (stopped) return;
    stopped = true;
    worker.postMessage("stop");
    await restore();
  };
}

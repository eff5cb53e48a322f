/**
 * The leaky bucket Shopify meters GraphQL cost with, one per app and shop:
 * a request takes its requested cost up front, gets back the difference to
 * its actual cost, and the bucket refills at `restoreRate` points a second
 * on the emulator's clock (so tests move time instead of waiting).
 */
export interface BucketSettings {
  maximumAvailable: number;
  restoreRate: number;
}

export interface ThrottleStatus extends BucketSettings {
  currentlyAvailable: number;
}

/** A dev store in 2026: 2,000 points, 100 a second. */
export const defaultBucket: BucketSettings = {
  maximumAvailable: 2000,
  restoreRate: 100,
};

export class CostBucket {
  private available: number;
  private updatedAtMs: number;

  constructor(
    private readonly settings: BucketSettings,
    nowMs: number,
  ) {
    this.available = settings.maximumAvailable;
    this.updatedAtMs = nowMs;
  }

  status(nowMs: number): ThrottleStatus {
    this.restore(nowMs);

    return {
      maximumAvailable: this.settings.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.settings.restoreRate,
    };
  }

  /** Takes `cost` if the bucket holds it; false means THROTTLED. */
  take(cost: number, nowMs: number): boolean {
    this.restore(nowMs);
    if (cost > this.available) return false;

    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    const { maximumAvailable } = this.settings;
    this.available = Math.min(maximumAvailable, this.available + points);
  }

  /** Leaves `points` in the bucket, for tests that start near empty. */
  setAvailable(points: number, nowMs: number): void {
    this.available = Math.max(0, points);
    this.updatedAtMs = nowMs;
  }

  private restore(nowMs: number): void {
    const elapsedSeconds = Math.max(0, nowMs - this.updatedAtMs) / 1000;
    const { maximumAvailable, restoreRate } = this.settings;

    this.available = Math.min(
      maximumAvailable,
      this.available + elapsedSeconds * restoreRate,
    );
    this.updatedAtMs = nowMs;
  }
}

import type { Cache } from '@nocobase/cache';

export interface RateLimit {
  requests: number;
  perSeconds: number;
}

/**
 * Fixed-window request counts per webhook, kept in NocoBase's cache: in this process with the default
 * memory cache, shared by every instance when the app's cache store is Redis (then a count read and
 * written by two instances at the same moment may miss one request). Counts of one webhook are updated
 * one at a time here, so a single instance counts exactly.
 */
export class RateLimiter {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly cache: Cache) {}

  /** Counts a request; returns null when it is within the limit, else the seconds until the window ends. */
  async take(workflowKey: string, limit: RateLimit, now = Date.now()): Promise<number | null> {
    const windowMs = limit.perSeconds * 1000;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const key = `${workflowKey}:${limit.perSeconds}:${windowStart}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const counted = previous
      .catch(() => undefined)
      .then(async () => {
        const count = ((await this.cache.get<number>(key)) ?? 0) + 1;
        await this.cache.set(key, count, windowStart + windowMs - now + 1000);
        return count;
      });
    this.queues.set(key, counted);
    const count = await counted.finally(() => {
      if (this.queues.get(key) === counted) {
        this.queues.delete(key);
      }
    });
    return count > limit.requests ? Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) : null;
  }
}

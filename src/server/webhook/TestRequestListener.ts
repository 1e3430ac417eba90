import type { CapturedRequest } from '../../common/capturedRequest';
import { CREDENTIAL_HEADERS } from './parseWebhookRequest';

/** A captured request's headers, without the caller's credentials. */
export function visibleHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const visible: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADERS.has(name) && value !== undefined) {
      visible[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return visible;
}

type Waiter = (request: CapturedRequest | null) => void;

/**
 * "Listen for a test request" in the canvas: a listener waits (up to a timeout) for the next request to
 * a webhook URL, whatever it was answered. Kept in this process: in a cluster, the request must reach
 * the instance the canvas listens on.
 */
export class TestRequestListener {
  private readonly waiters = new Map<string, Set<Waiter>>();

  isListening(workflowKey: string): boolean {
    return (this.waiters.get(workflowKey)?.size ?? 0) > 0;
  }

  /** The next request to this webhook, or null when none arrives in time. */
  next(workflowKey: string, timeoutMs: number): Promise<CapturedRequest | null> {
    return new Promise((resolve) => {
      const waiters = this.waiters.get(workflowKey) ?? new Set<Waiter>();
      this.waiters.set(workflowKey, waiters);
      const done: Waiter = (request) => {
        clearTimeout(timer);
        waiters.delete(done);
        if (!waiters.size) {
          this.waiters.delete(workflowKey);
        }
        resolve(request);
      };
      const timer = setTimeout(() => done(null), timeoutMs);
      timer.unref();
      waiters.add(done);
    });
  }

  capture(workflowKey: string, request: CapturedRequest) {
    for (const waiter of [...(this.waiters.get(workflowKey) ?? [])]) {
      waiter(request);
    }
  }

  /** Ends every wait with nothing (the app is stopping). */
  close() {
    for (const waiters of this.waiters.values()) {
      for (const waiter of [...waiters]) {
        waiter(null);
      }
    }
  }
}

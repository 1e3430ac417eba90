import type { Context } from '@nocobase/actions';
import { DEFAULT_DEDUPE_HEADERS, WebhookConfig } from './config';

/**
 * The id a sender gives a delivery, the same on each retry: the dedupe header, or the preset's (Standard
 * Webhooks' `webhook-id`, GitHub's `X-GitHub-Delivery`, the event id in a Stripe body). Null when the
 * trigger does not deduplicate or the request carries no id (then it runs as a new delivery).
 */
export function deliveryIdOf(ctx: Context, config: WebhookConfig, body: unknown): string | null {
  const { dedupe, signature } = config;
  if (!dedupe) {
    return null;
  }
  const header = dedupe.header ?? (signature ? DEFAULT_DEDUPE_HEADERS[signature.type] : undefined);
  if (header) {
    return ctx.get(header) || null;
  }
  if (signature?.type === 'stripe') {
    const id = (body as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id ? id : null;
  }
  return null;
}

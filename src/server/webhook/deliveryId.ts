import type { Context } from '@nocobase/actions';
import { DEFAULT_DEDUPE_HEADERS, WebhookConfig } from './config';

/** Where a trigger's senders put the id of a delivery: a header, or the event id in a Stripe body. */
export type DeliveryIdSource = { header: string } | { bodyField: 'id' };

/**
 * The dedupe header, else the signature preset's (Standard Webhooks' `webhook-id`, GitHub's
 * `X-GitHub-Delivery`, the event id of a Stripe body); null when the config names none.
 */
export function deliveryIdSource({
  dedupe,
  signature,
}: Pick<WebhookConfig, 'dedupe' | 'signature'>): DeliveryIdSource | null {
  const header = dedupe?.header ?? (signature ? DEFAULT_DEDUPE_HEADERS[signature.type] : undefined);
  if (header) {
    return { header };
  }
  return signature?.type === 'stripe' ? { bodyField: 'id' } : null;
}

/**
 * The id a sender gives a delivery, the same on each retry. Null when the trigger does not deduplicate
 * or the request carries no id (then it runs as a new delivery).
 */
export function deliveryIdOf(ctx: Context, config: WebhookConfig, body: unknown): string | null {
  const source = config.dedupe ? deliveryIdSource(config) : null;
  if (!source) {
    return null;
  }
  if ('header' in source) {
    return ctx.get(source.header) || null;
  }
  const id = (body as Record<string, unknown> | null)?.[source.bodyField];
  return typeof id === 'string' && id ? id : null;
}

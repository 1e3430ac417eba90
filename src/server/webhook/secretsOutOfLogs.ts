import type { Context, Next } from '@nocobase/actions';
import type { HandlerType } from '@nocobase/resourcer';
import { TRIGGER_TYPES } from '../../common/constants';
import type { WebhookConfig } from './config';

const REDACTED = '[redacted]';

/** A copy of a webhook config with its Basic auth password and signing secrets replaced. */
function redacted(config: WebhookConfig): WebhookConfig {
  const copy: WebhookConfig = { ...config };
  if (copy.basicAuthentication) {
    copy.basicAuthentication = { ...copy.basicAuthentication, password: REDACTED };
  }
  if (copy.signature) {
    copy.signature = { ...copy.signature, secret: REDACTED };
  }
  return copy;
}

/**
 * NocoBase's request logger writes every action's params when the response goes out, and hides only
 * top-level password fields: a saved webhook config would put its secrets in the log. Once the action
 * is done, the params it logs get a redacted copy (the saved workflow keeps its own object).
 */
async function keepWebhookSecretsOutOfLogs(ctx: Context, next: Next) {
  try {
    await next();
  } finally {
    const { resourceName, params } = ctx.action ?? {};
    const values = params?.values as { type?: string; config?: WebhookConfig } | undefined;
    if (
      resourceName === 'workflows' &&
      values?.config &&
      (values.type ?? TRIGGER_TYPES.WEBHOOK) === TRIGGER_TYPES.WEBHOOK
    ) {
      params.values = { ...values, config: redacted(values.config) };
    }
  }
}

export const keepWebhookSecretsOutOfLogsMiddleware = keepWebhookSecretsOutOfLogs as unknown as HandlerType;

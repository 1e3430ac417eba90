import type { Context, Next } from '@nocobase/actions';
import type { Database } from '@nocobase/database';
import { EXECUTION_STATUS } from '@nocobase/plugin-workflow';
import type { InRequestRunner } from '../execution/InRequestRunner';
import { HttpError, webhookErrors } from '../http/errors';
import { HttpResponse, RequestContext } from '../http/RequestContext';
import { DEFAULT_WEBHOOK_RESPONSE, renderOutcome } from '../http/renderOutcome';
import { errorDetails } from '../logging';
import { hasBasicCredentials } from './basicAuth';
import { WebhookConfig } from './config';
import { DeliveryLog, isUniqueViolation } from './DeliveryLog';
import { deliveryIdOf } from './deliveryId';
import type { InboxDispatcher } from './InboxDispatcher';
import { parseBody, readRawBody, webhookEvent } from './parseWebhookRequest';
import type { RateLimiter } from './RateLimiter';
import { TestRequestListener, visibleHeaders } from './TestRequestListener';
import { matchesConditions } from './requestConditions';
import { verifySignature } from './signature/verifySignature';
import type { WebhookInbox } from './WebhookInbox';
import { EnabledWebhook, WebhookEventContext, WebhookTrigger } from './WebhookTrigger';

/** Before NocoBase's body parser (the endpoint reads the raw body itself), after translation is set up. */
export const WEBHOOK_ENDPOINT_POSITION = { tag: 'hookflowWebhook', after: ['logger', 'i18n'], before: 'bodyParser' };

export interface WebhookEndpointDependencies {
  trigger: WebhookTrigger;
  runner: InRequestRunner;
  inbox: WebhookInbox;
  dispatcher: InboxDispatcher;
  deliveries: DeliveryLog;
  listener: TestRequestListener;
  rateLimiter: RateLimiter;
  db: Database;
  apiPrefix: string;
}

/** The workflow key in the path, or null when the path is not a webhook URL at all. */
function keyOfPath(path: string, routePrefix: string): string | null {
  if (!path.startsWith(routePrefix)) {
    return null;
  }
  const key = path.slice(routePrefix.length);
  return key && !key.includes('/') ? key : null;
}

function decodeKey(key: string): string | undefined {
  try {
    return decodeURIComponent(key);
  } catch {
    return undefined;
  }
}

/** The answer an asynchronous webhook gives at once: its configured response, or 200 `ok`. */
function acknowledgementOf(config: WebhookConfig): HttpResponse {
  const configured = config.response ?? {};
  return {
    statusCode: configured.statusCode ?? DEFAULT_WEBHOOK_RESPONSE.statusCode,
    headers: configured.headers ?? DEFAULT_WEBHOOK_RESPONSE.headers,
    body: 'body' in configured ? configured.body : DEFAULT_WEBHOOK_RESPONSE.body,
  };
}

/** The answer a finished synchronous run gives, as renderOutcome will send it; null for a 500. */
function answerOf(context: RequestContext): HttpResponse | null {
  const { outcome } = context;
  if (outcome.kind === 'respond') {
    return outcome.response;
  }
  return outcome.kind === 'completed' ? DEFAULT_WEBHOOK_RESPONSE : null;
}

/** Checks a request in order, cheapest first; throws the HttpError of the first check it fails. */
async function admit(ctx: Context, deps: WebhookEndpointDependencies, webhook: EnabledWebhook, read: Buffer | null) {
  const { workflow, config, allowedAddresses } = webhook;
  if (allowedAddresses && !allowedAddresses.allows(ctx.ip)) {
    ctx.logger.info('[hookflow:webhook] address refused', { workflowId: workflow.id, address: ctx.ip });
    throw webhookErrors.forbiddenAddress();
  }
  if (config.rateLimit) {
    const retryAfter = await deps.rateLimiter.take(workflow.key, config.rateLimit);
    if (retryAfter !== null) {
      throw webhookErrors.tooManyRequests(retryAfter);
    }
  }
  if (config.basicAuthentication && !hasBasicCredentials(ctx.get('authorization'), config.basicAuthentication)) {
    ctx.logger.info('[hookflow:webhook] credentials refused', { workflowId: workflow.id });
    throw webhookErrors.unauthorized();
  }
  const rawBody = read ?? (await readRawBody(ctx));
  let verified = false;
  if (config.signature) {
    const verification = verifySignature(config.signature, {
      header: (name) => ctx.get(name) || undefined,
      rawBody,
      now: new Date(),
    });
    if (!verification.verified) {
      ctx.logger.info('[hookflow:webhook] signature refused', {
        workflowId: workflow.id,
        scheme: config.signature.type,
        failure: verification.failure,
      });
      throw webhookErrors.signatureRejected(verification.failure);
    }
    verified = true;
  }
  const body = parseBody(ctx, rawBody);
  return { event: webhookEvent(ctx, config, body, rawBody, verified), body };
}

async function runSynchronously(
  ctx: Context,
  deps: WebhookEndpointDependencies,
  { workflow, config: { dedupe } }: EnabledWebhook,
  event: WebhookEventContext,
  deliveryId: string | null,
) {
  const context = RequestContext.of(ctx, 'webhook');
  if (deliveryId && dedupe) {
    const claim = await deps.deliveries.claim(workflow.key, deliveryId, dedupe.windowSeconds);
    if (claim.kind === 'answered') {
      context.end({ kind: 'respond', response: claim.response });
      return;
    }
    if (claim.kind === 'in-progress') {
      throw webhookErrors.deliveryInProgress();
    }
  }
  let resolved = false;
  let timedOut = false;
  try {
    const processor = await deps.runner.run(workflow, event, ctx);
    resolved = processor.execution.status === EXECUTION_STATUS.RESOLVED;
    timedOut = processor.timedOut;
  } catch (error) {
    ctx.logger.error('[hookflow:webhook] workflow could not run', {
      workflowId: workflow.id,
      error: errorDetails(error),
    });
  }
  if (timedOut) {
    context.end({ kind: 'timed-out' });
  } else if (context.response) {
    context.end({ kind: 'respond', response: context.response });
  } else {
    context.end(resolved ? { kind: 'completed' } : { kind: 'workflow-failed' });
  }
  if (deliveryId) {
    const answer = answerOf(context);
    // A failed run is not an accepted delivery: the sender's retry runs again.
    await (answer && answer.statusCode < 500
      ? deps.deliveries.answer(workflow.key, deliveryId, answer)
      : deps.deliveries.release(workflow.key, deliveryId));
  }
}

async function acceptAsynchronously(
  ctx: Context,
  deps: WebhookEndpointDependencies,
  { workflow, config }: EnabledWebhook,
  event: WebhookEventContext,
  deliveryId: string | null,
) {
  const acknowledgement = acknowledgementOf(config);
  const context = RequestContext.of(ctx, 'webhook');
  try {
    if (deliveryId && config.dedupe) {
      const { windowSeconds } = config.dedupe;
      const recorded = await deps.deliveries.recorded(workflow.key, deliveryId);
      if (recorded?.kind === 'answered') {
        context.end({ kind: 'respond', response: recorded.response });
        return;
      }
      // The delivery id and the request are stored together: a retry is refused by the database itself.
      await deps.db.sequelize.transaction(async (transaction) => {
        await deps.deliveries.recordAnswered(workflow.key, deliveryId, windowSeconds, acknowledgement, {
          transaction,
        });
        await deps.inbox.record(workflow, event, acknowledgement.statusCode, { transaction });
      });
    } else {
      await deps.inbox.record(workflow, event, acknowledgement.statusCode);
    }
  } catch (error) {
    if (deliveryId && isUniqueViolation(error)) {
      const recorded = await deps.deliveries.recorded(workflow.key, deliveryId);
      if (recorded?.kind === 'answered') {
        context.end({ kind: 'respond', response: recorded.response });
        return;
      }
    }
    ctx.logger.error('[hookflow:webhook] could not store the request', {
      workflowId: workflow.id,
      error: errorDetails(error),
    });
    throw webhookErrors.unavailable();
  }
  context.end({ kind: 'respond', response: acknowledgement });
  deps.dispatcher.notify();
}

/**
 * POST /api/webhook:trigger/<workflowKey>: public, guarded by the trigger's own checks (addresses,
 * rate limit, Basic auth, signature). Synchronous workflows answer through their Response node;
 * asynchronous ones are stored in the inbox before the configured answer goes out. A request that
 * fails the trigger's conditions, or repeats a delivery already accepted, runs nothing.
 */
export function webhookEndpoint(deps: WebhookEndpointDependencies) {
  const routePrefix = `${deps.apiPrefix}/webhook:trigger/`;

  return async function hookflowWebhookEndpoint(ctx: Context, next: Next) {
    const key = keyOfPath(ctx.path, routePrefix);
    if (key === null) {
      return next();
    }
    const context = RequestContext.of(ctx, 'webhook');
    const decoded = decodeKey(key);
    // Someone listens for a test request: read the body first, so it is shown whatever the answer.
    const listening = decoded !== undefined && deps.listener.isListening(decoded);
    let rawBody: Buffer | null = null;
    try {
      if (ctx.method !== 'POST') {
        throw webhookErrors.methodNotAllowed();
      }
      if (listening) {
        rawBody = await readRawBody(ctx);
      }
      const webhook = decoded === undefined ? undefined : deps.trigger.enabled(decoded);
      if (!webhook) {
        throw webhookErrors.notFound();
      }
      const { workflow, config } = webhook;
      const { event, body } = await admit(ctx, deps, webhook, rawBody);
      if (!matchesConditions(event, config.conditions)) {
        ctx.logger.info('[hookflow:webhook] request ignored by its conditions', { workflowId: workflow.id });
        context.end({ kind: 'respond', response: acknowledgementOf(config) });
      } else {
        const deliveryId = deliveryIdOf(ctx, config, body);
        if (workflow.sync) {
          await runSynchronously(ctx, deps, webhook, event, deliveryId);
        } else {
          await acceptAsynchronously(ctx, deps, webhook, event, deliveryId);
        }
      }
    } catch (error) {
      if (error instanceof HttpError) {
        context.end({ kind: 'rejected', error });
      } else {
        ctx.logger.error('[hookflow:webhook] request failed', { error: errorDetails(error) });
        context.end({ kind: 'action-failed' });
      }
    }
    renderOutcome(ctx, context);
    if (listening) {
      deps.listener.capture(decoded, {
        receivedAt: new Date().toISOString(),
        method: ctx.method,
        query: ctx.querystring,
        headers: visibleHeaders(ctx.headers),
        body: rawBody ? rawBody.toString('utf8') : null,
        status: ctx.status,
      });
    }
  };
}

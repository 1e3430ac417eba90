import type { Context, Next } from '@nocobase/actions';
import PluginWorkflowServer, { EXECUTION_STATUS, WorkflowModel } from '@nocobase/plugin-workflow';
import { HttpError, webhookErrors } from '../http/errors';
import { RequestContext } from '../http/RequestContext';
import { DEFAULT_WEBHOOK_RESPONSE, renderOutcome } from '../http/renderOutcome';
import { hasBasicCredentials } from './basicAuth';
import type { InboxDispatcher } from './InboxDispatcher';
import { parseWebhookRequest } from './parseWebhookRequest';
import type { WebhookInbox } from './WebhookInbox';
import { WebhookTrigger } from './WebhookTrigger';
import { errorDetails } from '../logging';

/** Before NocoBase's body parser (the endpoint reads the raw body itself), after translation is set up. */
export const WEBHOOK_ENDPOINT_POSITION = { tag: 'hookflowWebhook', after: ['logger', 'i18n'], before: 'bodyParser' };

export interface WebhookEndpointDependencies {
  trigger: WebhookTrigger;
  workflowPlugin: PluginWorkflowServer;
  inbox: WebhookInbox;
  dispatcher: InboxDispatcher;
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

async function runSynchronously(ctx: Context, deps: WebhookEndpointDependencies, workflow: WorkflowModel) {
  const context = RequestContext.of(ctx, 'webhook');
  const event = await parseWebhookRequest(ctx, WebhookTrigger.configOf(workflow));
  let resolved = false;
  try {
    const processor = await deps.workflowPlugin.trigger(workflow, event, { httpContext: ctx });
    resolved = processor?.execution.status === EXECUTION_STATUS.RESOLVED;
  } catch (error) {
    ctx.logger.error('[hookflow:webhook] workflow could not run', {
      workflowId: workflow.id,
      error: errorDetails(error),
    });
  }
  if (context.response) {
    context.end({ kind: 'respond', response: context.response });
  } else {
    context.end(resolved ? { kind: 'completed' } : { kind: 'workflow-failed' });
  }
}

async function acceptAsynchronously(ctx: Context, deps: WebhookEndpointDependencies, workflow: WorkflowModel) {
  const config = WebhookTrigger.configOf(workflow);
  const event = await parseWebhookRequest(ctx, config);
  try {
    await deps.inbox.record(workflow, event);
  } catch (error) {
    ctx.logger.error('[hookflow:webhook] could not store the request', {
      workflowId: workflow.id,
      error: errorDetails(error),
    });
    throw webhookErrors.unavailable();
  }
  const configured = config.response ?? {};
  RequestContext.of(ctx, 'webhook').end({
    kind: 'respond',
    response: {
      statusCode: configured.statusCode ?? DEFAULT_WEBHOOK_RESPONSE.statusCode,
      headers: configured.headers ?? DEFAULT_WEBHOOK_RESPONSE.headers,
      body: 'body' in configured ? configured.body : DEFAULT_WEBHOOK_RESPONSE.body,
    },
  });
  deps.dispatcher.notify();
}

/**
 * POST /api/webhook:trigger/<workflowKey>: public, guarded only by the trigger's own Basic auth.
 * Synchronous workflows answer through their Response node; asynchronous ones are stored in the
 * inbox before the configured answer goes out.
 */
export function webhookEndpoint(deps: WebhookEndpointDependencies) {
  const routePrefix = `${deps.apiPrefix}/webhook:trigger/`;

  return async function hookflowWebhookEndpoint(ctx: Context, next: Next) {
    const key = keyOfPath(ctx.path, routePrefix);
    if (key === null) {
      return next();
    }
    const context = RequestContext.of(ctx, 'webhook');
    try {
      if (ctx.method !== 'POST') {
        throw webhookErrors.methodNotAllowed();
      }
      const decoded = decodeKey(key);
      const workflow = decoded === undefined ? undefined : deps.trigger.enabledWorkflow(decoded);
      if (!workflow) {
        throw webhookErrors.notFound();
      }
      const { basicAuthentication } = WebhookTrigger.configOf(workflow);
      if (basicAuthentication && !hasBasicCredentials(ctx.get('authorization'), basicAuthentication)) {
        ctx.logger.info('[hookflow:webhook] credentials refused', { workflowId: workflow.id });
        throw webhookErrors.unauthorized();
      }
      if (workflow.sync) {
        await runSynchronously(ctx, deps, workflow);
      } else {
        await acceptAsynchronously(ctx, deps, workflow);
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
  };
}

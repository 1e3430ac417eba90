import type { Context, Next } from '@nocobase/actions';
import type { HandlerType } from '@nocobase/resourcer';
import type PluginWorkflowServer from '@nocobase/plugin-workflow';
import type { WorkflowModel } from '@nocobase/plugin-workflow';
import { LISTEN_TIMEOUT_SECONDS } from '../../common/webhookConfig';
import { HttpError } from '../http/errors';
import { RequestContext } from '../http/RequestContext';
import { renderOutcome } from '../http/renderOutcome';
import type { InboxDispatcher } from '../webhook/InboxDispatcher';
import type { TestRequestListener } from '../webhook/TestRequestListener';
import { eventOfRow, WebhookInbox } from '../webhook/WebhookInbox';
import type { WebhookTrigger } from '../webhook/WebhookTrigger';

export interface WebhookInboxActionDependencies {
  inbox: WebhookInbox;
  dispatcher: InboxDispatcher;
  listener: TestRequestListener;
  trigger: WebhookTrigger;
  workflowPlugin: PluginWorkflowServer;
}

function reject(ctx: Context, error: HttpError) {
  const context = RequestContext.of(ctx, 'webhook');
  context.end({ kind: 'rejected', error });
  renderOutcome(ctx, context);
}

/**
 * The request log's actions, for roles that manage workflows: `webhookInbox:replay` runs a stored
 * request again (a new inbox row marked as a replay, run by the enabled version of its workflow, or by
 * the version that received it), `webhookInbox:listen` waits for the next request to a webhook URL (`timeoutSeconds`, at most 120):
 * `{ request }`, null when none came.
 */
export function webhookInboxActions(deps: WebhookInboxActionDependencies) {
  async function replay(ctx: Context, next: Next) {
    const { filterByTk } = ctx.action.params;
    const row = filterByTk === undefined ? null : await deps.inbox.find(filterByTk as string);
    if (!row) {
      return reject(ctx, new HttpError(404, 'This stored request does not exist.'));
    }
    const workflow =
      deps.trigger.enabled(row.workflowKey)?.workflow ??
      ((await deps.workflowPlugin.db
        .getRepository('workflows')
        .findOne({ filterByTk: row.workflowId })) as WorkflowModel | null);
    if (!workflow) {
      return reject(ctx, new HttpError(404, 'The workflow of this request no longer exists.'));
    }
    const id = await deps.inbox.record(
      workflow,
      { ...eventOfRow(row), replayOf: Number(row.replayOf ?? row.id) },
      Number(row.statusCode ?? 200),
    );
    deps.dispatcher.notify();
    ctx.body = { id };
    await next();
  }

  async function listen(ctx: Context, next: Next) {
    const { workflowKey, timeoutSeconds } = ctx.action.params;
    if (typeof workflowKey !== 'string' || !workflowKey) {
      return reject(ctx, new HttpError(400, 'Name the webhook to listen to (workflowKey).'));
    }
    const requested = Number(timeoutSeconds ?? LISTEN_TIMEOUT_SECONDS);
    const seconds = Number.isFinite(requested)
      ? Math.min(Math.max(requested, 1), LISTEN_TIMEOUT_SECONDS)
      : LISTEN_TIMEOUT_SECONDS;
    const captured = await deps.listener.next(workflowKey, seconds * 1000);
    ctx.body = { request: captured };
    await next();
  }

  // The resourcer types its handlers' context narrowly but passes them the request's full Koa context.
  return { replay: replay as unknown as HandlerType, listen: listen as unknown as HandlerType };
}

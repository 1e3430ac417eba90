import type { Context, Next } from '@nocobase/actions';
import { JoiValidationError, ValidationError } from '@nocobase/database';
import type { HandlerType } from '@nocobase/resourcer';
import { isInterceptableAction } from '../../common/constants';
import { interceptionErrors } from '../http/errors';
import { RequestContext } from '../http/RequestContext';
import { renderOutcome } from '../http/renderOutcome';
import { collectionKey } from './collectionKey';
import type { RequestInterceptionTrigger } from './RequestInterceptionTrigger';
import { parseTriggerWorkflowsParam } from './triggerWorkflowsParam';
import { errorDetails } from '../logging';

export const INTERCEPTION_MIDDLEWARE_TAG = 'hookflow-request-interception';

/** Where the middleware sits in each data source's chain: after ACL and variable parsing, before the action. */
export const INTERCEPTION_MIDDLEWARE_POSITION = {
  tag: INTERCEPTION_MIDDLEWARE_TAG,
  after: ['acl', 'parseVariables', 'dataTemplate'],
  before: 'default',
};

/** The collection an action acts on; for `categories/1/posts:create` that is `posts`. */
function targetCollectionName(ctx: Context): string | null {
  const { resourceName } = ctx.action;
  const collection = ctx.dataSource?.collectionManager.getCollection(resourceName);
  return collection?.name ?? null;
}

/**
 * Errors NocoBase's error handler already answers well: client errors, and values that break the
 * collection's field rules (Joi) or the database's constraints (Sequelize).
 */
function isClientError(error: unknown): boolean {
  const status = (error as { status?: unknown })?.status;
  return (
    error instanceof ValidationError ||
    error instanceof JoiValidationError ||
    (typeof status === 'number' && status < 500)
  );
}

/** MySQL / MariaDB errors for a value the column cannot hold (wrong type, out of range, too long). */
const MYSQL_VALUE_ERRORS = new Set([1264, 1265, 1292, 1366, 1406]);

/**
 * A value of the request the database cannot store in its column: PostgreSQL's data exceptions
 * (SQLSTATE class 22, e.g. text for an integer key), MySQL's wrong-value errors. The client sent it,
 * so it is a 400, not the 500 NocoBase would give.
 */
function isValueRejectedByDatabase(error: unknown): boolean {
  const original = (error as { original?: { code?: unknown; errno?: unknown } } | null)?.original;
  const code = typeof original?.code === 'string' ? original.code : '';
  return /^22[0-9A-Z]{3}$/.test(code) || MYSQL_VALUE_ERRORS.has(Number(original?.errno));
}

/**
 * Runs the request-interception workflows that match a request, one after another, before its action.
 * A request no workflow matches costs a map lookup: no database query, no scan of workflows.
 */
export function interceptionMiddleware(trigger: RequestInterceptionTrigger): HandlerType {
  async function hookflowRequestInterception(ctx: Context, next: Next) {
    const { actionName } = ctx.action ?? {};
    if (!isInterceptableAction(actionName) || trigger.index.size === 0) {
      return next();
    }
    const collectionName = targetCollectionName(ctx);
    if (!collectionName) {
      return next();
    }
    const dataSourceKey: string = ctx.dataSource?.name ?? 'main';
    const workflows = trigger.index.match(
      collectionKey(dataSourceKey, collectionName),
      actionName,
      parseTriggerWorkflowsParam(ctx.action.params.triggerWorkflows),
    );
    if (!workflows.length) {
      return next();
    }

    const context = RequestContext.of(ctx, 'interception');
    for (const workflow of workflows) {
      const outcome = await trigger.runFor(ctx, workflow);
      if (outcome.kind !== 'passed') {
        context.end(outcome);
        ctx.logger.info('[hookflow:interception] request stopped by workflow', {
          workflowId: workflow.id,
          workflowKey: workflow.key,
          outcome: outcome.kind,
          resourceName: ctx.action.resourceName,
          actionName,
        });
        renderOutcome(ctx, context);
        return;
      }
    }

    try {
      await next();
    } catch (error) {
      if (isClientError(error)) {
        throw error;
      }
      if (isValueRejectedByDatabase(error)) {
        context.end({ kind: 'rejected', error: interceptionErrors.valueDoesNotFit() });
        renderOutcome(ctx, context);
        return;
      }
      // The action failed after the workflows let it through: log the cause, answer without internals.
      ctx.logger.error('[hookflow:interception] intercepted action failed', {
        resourceName: ctx.action.resourceName,
        actionName,
        error: errorDetails(error),
      });
      context.end({ kind: 'action-failed' });
      renderOutcome(ctx, context);
      return;
    }
    renderOutcome(ctx, context);
  }
  // The resourcer types its handlers' context narrowly but passes them the request's full Koa context.
  return hookflowRequestInterception as unknown as HandlerType;
}

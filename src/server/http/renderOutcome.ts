import type { Context } from '@nocobase/actions';
import { isSafeHeader } from '../validation/httpSchemas';
import { HttpResponse, RequestContext, ResponseMessage } from './RequestContext';
import { translate } from './translate';

type JsonBody = { messages: ResponseMessage[] } | { errors: ResponseMessage[] };

function sendJson(ctx: Context, status: number, body: JsonBody, headers: Record<string, string> = {}) {
  // Our bodies are final: NocoBase's data wrapping would nest them under `data`.
  ctx.withoutDataWrapping = true;
  ctx.status = status;
  ctx.set(headers);
  ctx.body = body;
}

function sendResponse(ctx: Context, response: HttpResponse) {
  ctx.withoutDataWrapping = true;
  if (response.body === undefined) {
    // Before the status: Koa turns a null body into 204 unless the status is set after it.
    ctx.body = null;
  }
  ctx.status = response.statusCode;
  let typed = false;
  for (const { name, value } of response.headers) {
    if (isSafeHeader(name, value)) {
      ctx.set(name, value);
      typed ||= name.toLowerCase() === 'content-type';
    }
  }
  const { body } = response;
  if (body === undefined) {
    return;
  }
  if (typeof body === 'string') {
    ctx.body = body;
    if (!typed) {
      ctx.type = 'text/plain';
    }
  } else {
    ctx.body = JSON.stringify(body);
    if (!typed) {
      ctx.type = 'application/json';
    }
  }
}

/** What an asynchronous webhook answers when its trigger configures no response, and a sync one without a Response node. */
export const DEFAULT_WEBHOOK_RESPONSE: HttpResponse = { statusCode: 200, headers: [], body: 'ok' };

/**
 * The only place that turns what the workflows of a request said into its HTTP answer.
 * Returns true when the answer is final and the request must not reach an action.
 */
export function renderOutcome(ctx: Context, context: RequestContext): boolean {
  const { outcome, messages } = context;
  switch (outcome.kind) {
    case 'passed':
      if (messages.length) {
        // NocoBase's data wrapping appends ctx.state.messages to the action's body as `messages`.
        ctx.state.messages = [...(ctx.state.messages ?? []), ...messages];
      }
      return false;
    case 'ended-resolved':
      sendJson(ctx, 200, { messages });
      return true;
    case 'ended-failed':
      sendJson(ctx, 400, {
        errors: messages.length ? messages : [{ message: translate(ctx, 'The request was rejected by a workflow.') }],
      });
      return true;
    case 'workflow-failed':
      sendJson(ctx, 500, {
        errors: [
          { message: translate(ctx, 'The workflow handling this request failed. Please contact the administrator.') },
        ],
      });
      return true;
    case 'timed-out':
      sendJson(ctx, 504, {
        errors: [{ message: translate(ctx, 'The workflow handling this request did not finish in time.') }],
      });
      return true;
    case 'action-failed':
      sendJson(ctx, 500, {
        errors: [{ message: translate(ctx, 'The request could not be completed. Please contact the administrator.') }],
      });
      return true;
    case 'completed':
      sendResponse(ctx, DEFAULT_WEBHOOK_RESPONSE);
      return true;
    case 'respond':
      sendResponse(ctx, outcome.response);
      return true;
    case 'rejected':
      sendJson(
        ctx,
        outcome.error.status,
        { errors: [{ message: translate(ctx, outcome.error.messageKey) }] },
        outcome.error.headers,
      );
      return true;
  }
}

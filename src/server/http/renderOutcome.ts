import type { Context } from '@nocobase/actions';
import { RequestContext, ResponseMessage } from './RequestContext';
import { translate } from './translate';

function send(ctx: Context, status: number, body: { messages: ResponseMessage[] } | { errors: ResponseMessage[] }) {
  // Our bodies are final: NocoBase's data wrapping would nest them under `data`.
  ctx.withoutDataWrapping = true;
  ctx.status = status;
  ctx.body = body;
}

/**
 * The only place that turns what the workflows of a request said into its HTTP answer.
 * Returns true when the answer is final and the request must not reach its action.
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
      send(ctx, 200, { messages });
      return true;
    case 'ended-failed':
      send(ctx, 400, {
        errors: messages.length ? messages : [{ message: translate(ctx, 'The request was rejected by a workflow.') }],
      });
      return true;
    case 'workflow-failed':
      send(ctx, 500, {
        errors: [
          { message: translate(ctx, 'A workflow that checks this request failed. Please contact the administrator.') },
        ],
      });
      return true;
    case 'action-failed':
      send(ctx, 500, {
        errors: [{ message: translate(ctx, 'The request could not be completed. Please contact the administrator.') }],
      });
      return true;
  }
}

import type { Context } from '@nocobase/actions';
import type { HttpError } from './errors';

export interface ResponseMessage {
  message: string;
}

/** An HTTP answer a workflow chose: a webhook's configured response, or what a Response node set. */
export interface HttpResponse {
  statusCode: number;
  headers: { name: string; value: string }[];
  body: unknown;
}

/** How a request ended, as far as its HTTP answer is concerned. */
export type RequestOutcome =
  /** Every interception workflow finished without an end node: the request goes on to its action. */
  | { kind: 'passed' }
  /** An end node with status "succeeded" stopped the request: 200 with the messages. */
  | { kind: 'ended-resolved' }
  /** An end node with status "failed" stopped the request: 400 with the messages as errors. */
  | { kind: 'ended-failed' }
  /** A node failed or errored, or no execution could be created: 500 with a generic message. */
  | { kind: 'workflow-failed' }
  /** The workflow did not finish within the request's time: 504, the action does not run. */
  | { kind: 'timed-out' }
  /** The action itself failed with a server error after the workflows let it through: 500, no internals. */
  | { kind: 'action-failed' }
  /** A synchronous webhook workflow resolved without reaching a Response node: 200. */
  | { kind: 'completed' }
  /** The answer is a configured or node-made HTTP response. */
  | { kind: 'respond'; response: HttpResponse }
  /** The request was refused before any workflow ran. */
  | { kind: 'rejected'; error: HttpError };

/** Which of the plugin's entry points is handling the request. */
export type RequestSource = 'interception' | 'webhook';

const contexts = new WeakMap<Context, RequestContext>();

/**
 * What the workflows of one HTTP request have said about its answer. Nodes write into it through
 * `RequestContext.find(ctx)`; `renderOutcome` is the only reader that turns it into a response.
 */
export class RequestContext {
  readonly messages: ResponseMessage[] = [];
  outcome: RequestOutcome = { kind: 'passed' };
  /** Set by a Response node: the answer of a synchronous webhook. */
  response?: HttpResponse;

  constructor(readonly source: RequestSource) {}

  /** The context of a request, created on first use. */
  static of(ctx: Context, source: RequestSource): RequestContext {
    let context = contexts.get(ctx);
    if (!context) {
      context = new RequestContext(source);
      contexts.set(ctx, context);
    }
    return context;
  }

  /** The context of a request if this plugin is handling one; nodes run outside a request get none. */
  static find(ctx: Context | undefined): RequestContext | undefined {
    return ctx ? contexts.get(ctx) : undefined;
  }

  addMessage(message: string) {
    this.messages.push({ message });
  }

  respond(response: HttpResponse) {
    this.response = response;
  }

  end(outcome: RequestOutcome) {
    this.outcome = outcome;
  }
}

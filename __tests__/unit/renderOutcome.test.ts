import type { Context } from '@nocobase/actions';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import Koa from 'koa';
import { webhookErrors } from '../../src/server/http/errors';
import { RequestContext } from '../../src/server/http/RequestContext';
import { renderOutcome } from '../../src/server/http/renderOutcome';

/** A real Koa context on a fake request, with NocoBase's `t` stubbed to mark what it translated. */
function fakeContext(): Context {
  const app = new Koa();
  const req = new IncomingMessage(new Socket());
  req.method = 'POST';
  req.url = '/';
  const ctx = app.createContext(req, new ServerResponse(req)) as unknown as Context;
  ctx.t = ((key: string) => `t(${key})`) as Context['t'];
  return ctx;
}

function render(configure: (context: RequestContext) => void, source: 'interception' | 'webhook' = 'interception') {
  const ctx = fakeContext();
  const context = RequestContext.of(ctx, source);
  configure(context);
  const final = renderOutcome(ctx, context);
  return { ctx, final };
}

describe('one renderer turns what workflows said into the answer', () => {
  it('leaves a passing request to its action and hands messages to NocoBase’s data wrapping', () => {
    const { ctx, final } = render((context) => context.addMessage('hi'));
    expect(final).toBe(false);
    expect(ctx.state.messages).toEqual([{ message: 'hi' }]);
  });

  it('answers 200 with the messages when an end node succeeded', () => {
    const { ctx, final } = render((context) => {
      context.addMessage('done');
      context.end({ kind: 'ended-resolved' });
    });
    expect(final).toBe(true);
    expect(ctx.status).toBe(200);
    expect(ctx.body).toEqual({ messages: [{ message: 'done' }] });
    expect(ctx.withoutDataWrapping).toBe(true);
  });

  it('answers 400 with a translated default error when an end node failed silently', () => {
    const { ctx } = render((context) => context.end({ kind: 'ended-failed' }));
    expect(ctx.status).toBe(400);
    expect(ctx.body).toEqual({ errors: [{ message: 't(The request was rejected by a workflow.)' }] });
  });

  it('answers a refused request with its status, headers and translated message', () => {
    const { ctx } = render(
      (context) => context.end({ kind: 'rejected', error: webhookErrors.methodNotAllowed() }),
      'webhook',
    );
    expect(ctx.status).toBe(405);
    expect(ctx.response.get('Allow')).toBe('POST');
    expect(ctx.body).toEqual({ errors: [{ message: 't(Webhooks accept only POST requests.)' }] });
  });

  it('sends a JSON body as application/json and a text body as text/plain', () => {
    const json = render(
      (context) => context.end({ kind: 'respond', response: { statusCode: 201, headers: [], body: { a: 1 } } }),
      'webhook',
    ).ctx;
    expect(json.status).toBe(201);
    expect(json.type).toBe('application/json');
    expect(json.body).toBe('{"a":1}');
    const text = render(
      (context) => context.end({ kind: 'respond', response: { statusCode: 200, headers: [], body: 'ok' } }),
      'webhook',
    ).ctx;
    expect(text.type).toBe('text/plain');
  });

  it('never sends a header value with a line break', () => {
    const { ctx } = render(
      (context) =>
        context.end({
          kind: 'respond',
          response: { statusCode: 200, headers: [{ name: 'X-A', value: 'a\r\nSet-Cookie: x=1' }], body: 'ok' },
        }),
      'webhook',
    );
    expect(ctx.response.get('X-A')).toBeFalsy();
    expect(ctx.response.get('Set-Cookie')).toBeFalsy();
  });
});

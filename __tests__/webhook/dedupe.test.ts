import type { Model } from '@nocobase/database';
import { sign as signGithub } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { useTestApp } from '../helpers/testApp';
import {
  countExecutions,
  createEnabledWorkflow,
  eventually,
  failingNode,
  response,
  WorkflowSpec,
} from '../helpers/workflows';

const testApp = useTestApp();
const STANDARD_SECRET = `whsec_${Buffer.from('standard-webhooks-secret-key-32b').toString('base64')}`;

function post(key: string, headers: Record<string, string>, payload: string) {
  return testApp()
    .http.post(`/api/webhook:trigger/${key}`)
    .set('Content-Type', 'application/json')
    .set(headers)
    .send(payload);
}

function standardHeaders(id: string, payload: string) {
  const at = new Date();
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(STANDARD_SECRET).sign(id, at, payload),
  };
}

async function inboxCount(workflowId: number) {
  return testApp().app.db.getRepository('webhookInbox').count({ filter: { workflowId } });
}

const asyncStandardHook: WorkflowSpec = {
  type: 'webhook',
  config: {
    signature: { type: 'standard-webhooks', secret: STANDARD_SECRET },
    dedupe: { windowSeconds: 3600 },
    response: { statusCode: 202, body: { queued: true } },
  },
};

describe('a retried asynchronous delivery gets the first answer and runs nothing', () => {
  it('stores and runs a Standard Webhooks delivery once, however often it is sent', async () => {
    const hook = await createEnabledWorkflow(testApp(), asyncStandardHook);
    const payload = JSON.stringify({ n: 1 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await post(hook.key, standardHeaders('msg_dup', payload), payload);
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ queued: true });
    }
    expect(await inboxCount(hook.id)).toBe(1);
    await eventually(
      () => countExecutions(testApp(), hook.id),
      (count) => count === 1,
    );
    const other = JSON.stringify({ n: 2 });
    await post(hook.key, standardHeaders('msg_other', other), other).expect(202);
    expect(await inboxCount(hook.id)).toBe(2);
  });

  it('still knows the delivery after a restart', async () => {
    const hook = await createEnabledWorkflow(testApp(), asyncStandardHook);
    const payload = JSON.stringify({ n: 3 });
    await post(hook.key, standardHeaders('msg_restart', payload), payload).expect(202);
    await testApp().restart();
    await post(hook.key, standardHeaders('msg_restart', payload), payload).expect(202, { queued: true });
    expect(await inboxCount(hook.id)).toBe(1);
  });

  it('runs concurrent copies of one delivery once', async () => {
    const hook = await createEnabledWorkflow(testApp(), asyncStandardHook);
    const payload = JSON.stringify({ n: 4 });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => post(hook.key, standardHeaders('msg_race', payload), payload)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);
    expect(await inboxCount(hook.id)).toBe(1);
  });

  it('takes a Stripe delivery’s id from the event in its body', async () => {
    const stripe = new Stripe('sk_test_hookflow');
    const hook = await createEnabledWorkflow(testApp(), {
      type: 'webhook',
      config: { signature: { type: 'stripe', secret: 'whsec_dedupe' }, dedupe: { windowSeconds: 3600 } },
    });
    const payload = JSON.stringify({ id: 'evt_same', type: 'charge.succeeded' });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const header = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_dedupe' });
      await post(hook.key, { 'Stripe-Signature': header }, payload).expect(200);
    }
    expect(await inboxCount(hook.id)).toBe(1);
  });
});

describe('a retried synchronous delivery gets exactly the status and body of the first answer', () => {
  async function githubHook(extraNodes = [response({ statusCode: 201, body: { first: '{{$context.body.n}}' } })]) {
    return createEnabledWorkflow(
      testApp(),
      {
        type: 'webhook',
        sync: true,
        config: { signature: { type: 'github', secret: 'gh' }, dedupe: { windowSeconds: 3600 } },
      },
      extraNodes,
    );
  }

  async function github(key: string, delivery: string, payload: string) {
    return post(
      key,
      { 'X-Hub-Signature-256': await signGithub('gh', payload), 'X-GitHub-Delivery': delivery },
      payload,
    );
  }

  it('answers the retry with the first answer, without running the workflow again', async () => {
    const hook = await githubHook();
    const first = await github(hook.key, 'delivery-1', JSON.stringify({ n: 'one' }));
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ first: 'one' });
    const retry = await github(hook.key, 'delivery-1', JSON.stringify({ n: 'two' }));
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual({ first: 'one' });
    expect(await countExecutions(testApp(), hook.id)).toBe(1);
  });

  it('runs a retry again when the first run failed', async () => {
    const hook = await githubHook([failingNode()]);
    const payload = JSON.stringify({ n: 'x' });
    expect((await github(hook.key, 'delivery-failed', payload)).status).toBe(500);
    expect((await github(hook.key, 'delivery-failed', payload)).status).toBe(500);
    expect(await countExecutions(testApp(), hook.id)).toBe(2);
  });

  it('answers a copy that arrives while the first is still running with 409 and Retry-After', async () => {
    const hook = await githubHook();
    await testApp()
      .app.db.getRepository('webhookDeliveries')
      .create({
        values: {
          workflowKey: hook.key,
          deliveryId: 'delivery-running',
          receivedAt: new Date(),
          expiresAt: new Date(Date.now() + 60_000),
          state: 'processing',
        },
      });
    const answer = await github(hook.key, 'delivery-running', '{}');
    expect(answer.status).toBe(409);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.body).toEqual({ errors: [{ message: 'This delivery is already being processed. Retry later.' }] });
    expect(await countExecutions(testApp(), hook.id)).toBe(0);
  });

  it('runs the delivery again once its window has passed', async () => {
    const hook = await createEnabledWorkflow(
      testApp(),
      { type: 'webhook', sync: true, config: { dedupe: { header: 'X-Delivery', windowSeconds: 1 } } },
      [response({ statusCode: 200, body: { n: '{{$context.body.n}}' } })],
    );
    await post(hook.key, { 'X-Delivery': 'd-1' }, JSON.stringify({ n: 1 })).expect(200, { n: 1 });
    await post(hook.key, { 'X-Delivery': 'd-1' }, JSON.stringify({ n: 2 })).expect(200, { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await post(hook.key, { 'X-Delivery': 'd-1' }, JSON.stringify({ n: 3 })).expect(200, { n: 3 });
    expect(await countExecutions(testApp(), hook.id)).toBe(2);
  });

  it('runs every request that carries no delivery id', async () => {
    const hook = await createEnabledWorkflow(
      testApp(),
      { type: 'webhook', sync: true, config: { dedupe: { header: 'X-Delivery', windowSeconds: 60 } } },
      [response({ statusCode: 200, body: {} })],
    );
    await post(hook.key, {}, '{}').expect(200);
    await post(hook.key, {}, '{}').expect(200);
    expect(await countExecutions(testApp(), hook.id)).toBe(2);
    const rows = await testApp()
      .app.db.getRepository('webhookDeliveries')
      .find({ filter: { workflowKey: hook.key } });
    expect(rows.map((row: Model) => row.get('deliveryId'))).toEqual([]);
  });
});

import { createHmac, generateKeyPairSync, sign as ed25519Sign } from 'node:crypto';
import { sign as signGithub } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { useTestApp } from '../helpers/testApp';
import { countExecutions, createEnabledWorkflow, response } from '../helpers/workflows';

const testApp = useTestApp();
const stripe = new Stripe('sk_test_hookflow');

const STANDARD_SECRET = `whsec_${Buffer.from('standard-webhooks-secret-key-32b').toString('base64')}`;
const ROTATED_SECRET = `whsec_${Buffer.from('the-next-standard-webhooks-key!!').toString('base64')}`;
const PAYLOAD = JSON.stringify({ id: 'evt_1', type: 'order.paid', data: { amount: 42 } });

/** A synchronous webhook that answers whether the request was verified, and one field of its body. */
async function signedHook(signature: Record<string, unknown>) {
  return createEnabledWorkflow(testApp(), { type: 'webhook', sync: true, config: { signature } }, [
    response({ statusCode: 200, body: { verified: '{{$context.verified}}', type: '{{$context.body.type}}' } }),
  ]);
}

function post(key: string, headers: Record<string, string>, payload = PAYLOAD) {
  return testApp()
    .http.post(`/api/webhook:trigger/${key}`)
    .set('Content-Type', 'application/json')
    .set(headers)
    .send(payload);
}

function standardHeaders(secret: string, payload = PAYLOAD, at = new Date(), id = 'msg_1') {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, payload),
  };
}

async function expectRefused(
  answer: { status: number; body: unknown; headers: Record<string, string> },
  message: string,
) {
  expect(answer.status).toBe(401);
  expect(answer.body).toEqual({ errors: [{ message }] });
  expect(answer.headers['www-authenticate']).toBe('Signature realm="webhook"');
}

const MISMATCH = 'The signature does not match the request.';
const MISSING = 'The request is not signed: its signature header is missing.';
const EXPIRED = 'The signature timestamp is outside the allowed tolerance.';
const MALFORMED = 'The signature header is malformed.';

describe('Standard Webhooks signatures are verified with the standardwebhooks library’s own signing', () => {
  it('runs a request signed with the secret, and tells the workflow it was verified', async () => {
    const hook = await signedHook({ type: 'standard-webhooks', secret: STANDARD_SECRET });
    const answer = await post(hook.key, standardHeaders(STANDARD_SECRET));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ verified: true, type: 'order.paid' });
  });

  it('refuses a body changed after signing with 401, running nothing', async () => {
    const hook = await signedHook({ type: 'standard-webhooks', secret: STANDARD_SECRET });
    const headers = standardHeaders(STANDARD_SECRET);
    await expectRefused(await post(hook.key, headers, PAYLOAD.replace('42', '43')), MISMATCH);
    expect(await countExecutions(testApp(), hook.id)).toBe(0);
  });

  it('refuses a signature made with another secret', async () => {
    const hook = await signedHook({ type: 'standard-webhooks', secret: STANDARD_SECRET });
    await expectRefused(await post(hook.key, standardHeaders(ROTATED_SECRET)), MISMATCH);
  });

  it('refuses a timestamp outside the 5-minute tolerance, past or future', async () => {
    const hook = await signedHook({ type: 'standard-webhooks', secret: STANDARD_SECRET });
    const old = new Date(Date.now() - 6 * 60 * 1000);
    const ahead = new Date(Date.now() + 6 * 60 * 1000);
    await expectRefused(await post(hook.key, standardHeaders(STANDARD_SECRET, PAYLOAD, old)), EXPIRED);
    await expectRefused(await post(hook.key, standardHeaders(STANDARD_SECRET, PAYLOAD, ahead)), EXPIRED);
  });

  it('honours a configured tolerance', async () => {
    const hook = await signedHook({ type: 'standard-webhooks', secret: STANDARD_SECRET, toleranceSeconds: 900 });
    const old = new Date(Date.now() - 10 * 60 * 1000);
    expect((await post(hook.key, standardHeaders(STANDARD_SECRET, PAYLOAD, old))).status).toBe(200);
  });

  it('refuses a request without the signature headers, a malformed timestamp or signature', async () => {
    const hook = await signedHook({ type: 'standard-webhooks', secret: STANDARD_SECRET });
    await expectRefused(await post(hook.key, {}), MISSING);
    const headers = { ...standardHeaders(STANDARD_SECRET), 'webhook-timestamp': 'yesterday' };
    await expectRefused(await post(hook.key, headers), MALFORMED);
    const unreadable = { ...standardHeaders(STANDARD_SECRET), 'webhook-signature': 'v1,not*base64' };
    await expectRefused(await post(hook.key, unreadable), MALFORMED);
  });

  it('accepts either secret while one is rotated out', async () => {
    const hook = await signedHook({ type: 'standard-webhooks', secret: [STANDARD_SECRET, ROTATED_SECRET] });
    expect((await post(hook.key, standardHeaders(STANDARD_SECRET))).status).toBe(200);
    expect((await post(hook.key, standardHeaders(ROTATED_SECRET))).status).toBe(200);
  });

  it('verifies asymmetric v1a signatures against a whpk_ public key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    const hook = await signedHook({ type: 'standard-webhooks', secret: `whpk_${raw.toString('base64')}` });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signed = ed25519Sign(null, Buffer.from(`msg_2.${timestamp}.${PAYLOAD}`), privateKey).toString('base64');
    const headers = { 'webhook-id': 'msg_2', 'webhook-timestamp': timestamp, 'webhook-signature': `v1a,${signed}` };
    expect((await post(hook.key, headers)).status).toBe(200);
    const forged = { ...headers, 'webhook-id': 'msg_3' };
    await expectRefused(await post(hook.key, forged), MISMATCH);
  });
});

describe('GitHub signatures are verified with @octokit/webhooks-methods’ own signing', () => {
  it('runs a request signed with the secret', async () => {
    const hook = await signedHook({ type: 'github', secret: 'gh-secret' });
    const answer = await post(hook.key, { 'X-Hub-Signature-256': await signGithub('gh-secret', PAYLOAD) });
    expect(answer.status).toBe(200);
    expect(answer.body.verified).toBe(true);
  });

  it('refuses a changed body, another secret, a missing or malformed header', async () => {
    const hook = await signedHook({ type: 'github', secret: 'gh-secret' });
    const signature = await signGithub('gh-secret', PAYLOAD);
    await expectRefused(await post(hook.key, { 'X-Hub-Signature-256': signature }, `${PAYLOAD} `), MISMATCH);
    await expectRefused(await post(hook.key, { 'X-Hub-Signature-256': await signGithub('other', PAYLOAD) }), MISMATCH);
    await expectRefused(await post(hook.key, {}), MISSING);
    await expectRefused(
      await post(hook.key, { 'X-Hub-Signature-256': signature.replace('sha256=', 'sha1=') }),
      MALFORMED,
    );
    expect(await countExecutions(testApp(), hook.id)).toBe(0);
  });

  it('accepts either secret while one is rotated out', async () => {
    const hook = await signedHook({ type: 'github', secret: ['old-secret', 'new-secret'] });
    for (const secret of ['old-secret', 'new-secret']) {
      expect((await post(hook.key, { 'X-Hub-Signature-256': await signGithub(secret, PAYLOAD) })).status).toBe(200);
    }
  });
});

describe('Stripe signatures are verified with stripe’s own test header', () => {
  const secret = 'whsec_stripe_test_secret';

  it('runs a request signed with the endpoint secret', async () => {
    const hook = await signedHook({ type: 'stripe', secret });
    const header = stripe.webhooks.generateTestHeaderString({ payload: PAYLOAD, secret });
    expect((await post(hook.key, { 'Stripe-Signature': header })).status).toBe(200);
  });

  it('refuses a changed body, another secret and an old timestamp', async () => {
    const hook = await signedHook({ type: 'stripe', secret });
    const header = stripe.webhooks.generateTestHeaderString({ payload: PAYLOAD, secret });
    await expectRefused(
      await post(hook.key, { 'Stripe-Signature': header }, PAYLOAD.replace('paid', 'void')),
      MISMATCH,
    );
    const other = stripe.webhooks.generateTestHeaderString({ payload: PAYLOAD, secret: 'whsec_other' });
    await expectRefused(await post(hook.key, { 'Stripe-Signature': other }), MISMATCH);
    const old = stripe.webhooks.generateTestHeaderString({
      payload: PAYLOAD,
      secret,
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    await expectRefused(await post(hook.key, { 'Stripe-Signature': old }), EXPIRED);
    await expectRefused(await post(hook.key, { 'Stripe-Signature': 'v1=abc' }), MALFORMED);
  });

  it('accepts either secret while one is rotated out', async () => {
    const hook = await signedHook({ type: 'stripe', secret: ['whsec_old', secret] });
    for (const key of ['whsec_old', secret]) {
      const header = stripe.webhooks.generateTestHeaderString({ payload: PAYLOAD, secret: key });
      expect((await post(hook.key, { 'Stripe-Signature': header })).status).toBe(200);
    }
  });
});

describe('a custom HMAC scheme is verified as its settings describe', () => {
  const scheme = {
    type: 'hmac',
    secret: 'custom-secret',
    header: 'X-Signature',
    algorithm: 'sha512',
    encoding: 'base64',
    prefix: 'v1=',
    timestampHeader: 'X-Timestamp',
    signedContent: '{timestamp}:{body}',
  };

  function customHeaders(secret: string, timestamp = Math.floor(Date.now() / 1000)) {
    // The sender's side of the scheme, as its documentation would describe it.
    const digest = createHmac('sha512', secret).update(`${timestamp}:${PAYLOAD}`).digest('base64');
    return { 'X-Signature': `v1=${digest}`, 'X-Timestamp': String(timestamp) };
  }

  it('runs a request signed as described', async () => {
    const hook = await signedHook(scheme);
    expect((await post(hook.key, customHeaders('custom-secret'))).status).toBe(200);
  });

  it('refuses another secret, an old timestamp and a missing prefix', async () => {
    const hook = await signedHook(scheme);
    await expectRefused(await post(hook.key, customHeaders('wrong')), MISMATCH);
    await expectRefused(
      await post(hook.key, customHeaders('custom-secret', Math.floor(Date.now() / 1000) - 3600)),
      EXPIRED,
    );
    const headers = customHeaders('custom-secret');
    await expectRefused(
      await post(hook.key, { ...headers, 'X-Signature': headers['X-Signature'].slice(3) }),
      MALFORMED,
    );
    await expectRefused(await post(hook.key, { 'X-Signature': headers['X-Signature'] }), MISSING);
  });
});

describe('a signed asynchronous webhook stores nothing it could not verify', () => {
  it('answers 401 and leaves the inbox empty', async () => {
    const hook = await createEnabledWorkflow(testApp(), {
      type: 'webhook',
      config: { signature: { type: 'github', secret: 'gh-secret' } },
    });
    await expectRefused(await post(hook.key, { 'X-Hub-Signature-256': await signGithub('nope', PAYLOAD) }), MISMATCH);
    expect(
      await testApp()
        .app.db.getRepository('webhookInbox')
        .count({ filter: { workflowId: hook.id } }),
    ).toBe(0);
    const accepted = await post(hook.key, { 'X-Hub-Signature-256': await signGithub('gh-secret', PAYLOAD) });
    expect(accepted.status).toBe(200);
    const [row] = await testApp()
      .app.db.getRepository('webhookInbox')
      .find({ filter: { workflowId: hook.id } });
    expect(row.get('verified')).toBe(true);
  });
});

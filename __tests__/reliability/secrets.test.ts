import fs from 'node:fs';
import path from 'node:path';
import type { Model } from '@nocobase/database';
import { storagePathJoin } from '@nocobase/utils';
import { sign as signGithub } from '@octokit/webhooks-methods';
import { useTestApp } from '../helpers/testApp';
import { countExecutions, createEnabledWorkflow, eventually, response } from '../helpers/workflows';

// This file's app writes log files too, at the level a production app runs.
const previous = { transport: process.env.LOGGER_TRANSPORT, level: process.env.LOGGER_LEVEL };
process.env.LOGGER_TRANSPORT = 'dailyRotateFile';
process.env.LOGGER_LEVEL = 'info';
afterAll(() => {
  for (const [name, value] of [
    ['LOGGER_TRANSPORT', previous.transport],
    ['LOGGER_LEVEL', previous.level],
  ] as const) {
    if (value === undefined) {
      delete process.env[name];
    } else {
      process.env[name] = value;
    }
  }
});

const testApp = useTestApp();

const BASIC_PASSWORD = 'bp-secret-9f8e7d';
const GITHUB_SECRET = 'gh-secret-1a2b3c';
const BASIC = Buffer.from(`sender:${BASIC_PASSWORD}`).toString('base64');
const SECRETS = [BASIC_PASSWORD, GITHUB_SECRET, BASIC];

function filesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function leaks(text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret));
}

describe('secrets never leave the trigger config: not in logs, executions, the inbox or answers', () => {
  it('keeps Basic auth passwords and signing secrets out of everything a run leaves behind', async () => {
    const basic = await createEnabledWorkflow(testApp(), {
      type: 'webhook',
      config: {
        basicAuthentication: { username: 'sender', password: BASIC_PASSWORD },
        request: { headers: [{ key: 'Authorization' }] },
      },
    });
    const signed = await createEnabledWorkflow(
      testApp(),
      {
        type: 'webhook',
        sync: true,
        config: { signature: { type: 'github', secret: GITHUB_SECRET }, request: { rawBody: true } },
      },
      [response({ statusCode: 200, body: { context: '{{$context}}' } })],
    );
    const payload = JSON.stringify({ event: 'push' });
    const answers = [
      await testApp()
        .http.post(`/api/webhook:trigger/${basic.key}`)
        .set('Authorization', `Basic ${BASIC}`)
        .send({ a: 1 }),
      await testApp().http.post(`/api/webhook:trigger/${basic.key}`).auth('sender', 'wrong').send({ a: 2 }),
      await testApp()
        .http.post(`/api/webhook:trigger/${signed.key}`)
        .set('Content-Type', 'application/json')
        .set('X-Hub-Signature-256', await signGithub(GITHUB_SECRET, payload))
        .send(payload),
      await testApp()
        .http.post(`/api/webhook:trigger/${signed.key}`)
        .set('Content-Type', 'application/json')
        .set('X-Hub-Signature-256', await signGithub('not-the-secret', payload))
        .send(payload),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 200, 401]);
    await eventually(
      () => countExecutions(testApp(), basic.id),
      (count) => count === 1,
    );

    for (const answer of answers) {
      expect(leaks(answer.text)).toEqual([]);
    }
    const db = testApp().app.db;
    for (const collection of ['executions', 'jobs', 'webhookInbox', 'webhookDeliveries']) {
      const rows = await db.getRepository(collection).find();
      expect([collection, leaks(JSON.stringify(rows.map((row: Model) => row.toJSON())))]).toEqual([collection, []]);
    }
    const member = await testApp().member();
    for (const resource of [
      'workflows:list',
      `workflows:get?filterByTk=${basic.id}`,
      'webhookInbox:list',
      'executions:list',
    ]) {
      const answer = await testApp().http.get(`/api/${resource}`).auth(member.token, { type: 'bearer' });
      expect([resource, answer.status, leaks(answer.text)]).toEqual([resource, 403, []]);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const logFiles = filesUnder(storagePathJoin('logs', testApp().app.name)).filter((file) => file.endsWith('.log'));
    expect(logFiles.length).toBeGreaterThan(0);
    for (const file of logFiles) {
      expect([file, leaks(fs.readFileSync(file, 'utf8'))]).toEqual([file, []]);
    }
  });
});

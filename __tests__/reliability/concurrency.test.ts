import type { Model } from '@nocobase/database';
import { useTestApp } from '../helpers/testApp';
import { createCollection, createEnabledWorkflow, end, END_STATUS, message, response } from '../helpers/workflows';

/** As many clients as the database lets write at once: SQLite has a single writer. */
const CLIENTS = (process.env.DB_DIALECT || 'sqlite') === 'sqlite' ? 4 : 10;
const REQUESTS_PER_CLIENT = 12;

const testApp = useTestApp({}, (app) =>
  createCollection(app, 'accounts', [
    { name: 'title', type: 'string', interface: 'input' },
    { name: 'client', type: 'integer', interface: 'integer' },
  ]),
);

const ACTIONS = ['create', 'update', 'destroy'];

async function workflows() {
  const pass = await createEnabledWorkflow(
    testApp(),
    { type: 'request-interception', config: { collection: 'accounts', actions: ACTIONS } },
    [message('checked')],
  );
  const block = await createEnabledWorkflow(
    testApp(),
    { type: 'request-interception', config: { collection: 'accounts', actions: ACTIONS } },
    [message('refused'), end(END_STATUS.FAILED)],
  );
  return { pass: pass.key, block: block.key };
}

/** Runs `requests` for every client at once, each client's requests one after another. */
async function concurrently<T>(request: (client: number, index: number) => Promise<T>): Promise<T[][]> {
  return Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const answers: T[] = [];
      for (let index = 0; index < REQUESTS_PER_CLIENT; index += 1) {
        answers.push(await request(client, index));
      }
      return answers;
    }),
  );
}

async function storedAccounts(): Promise<{ id: number; title: string }[]> {
  const rows = await testApp()
    .app.db.getRepository('accounts')
    .find({ sort: ['id'] });
  return rows.map((row: Model) => ({ id: Number(row.get('id')), title: String(row.get('title')) }));
}

describe(`intercepted writes from ${CLIENTS} clients at once get the contract's answers and store exactly what was let through`, () => {
  it('creates, updates and destroys with passing and blocking workflows, without a 5xx or a partial write', async () => {
    const { pass, block } = await workflows();
    const url = (action: string, key: string, query = '') =>
      `/api/accounts:${action}?triggerWorkflows=${key}${query ? `&${query}` : ''}`;

    const creates = await concurrently(async (client, index) => {
      const blocked = index % 3 === 2;
      const answer = await testApp()
        .post(url('create', blocked ? block : pass))
        .send({ title: `c${client}-${index}`, client });
      return { blocked, status: answer.status, body: answer.body };
    });
    const created: number[] = [];
    for (const answer of creates.flat()) {
      if (answer.blocked) {
        expect([answer.status, answer.body]).toEqual([400, { errors: [{ message: 'refused' }] }]);
      } else {
        expect(answer.status).toBe(200);
        expect(answer.body.messages).toEqual([{ message: 'checked' }]);
        created.push(Number(answer.body.data.id));
      }
    }
    expect((await storedAccounts()).map((account) => account.id).sort((a, b) => a - b)).toEqual(
      [...created].sort((a, b) => a - b),
    );

    const updates = await concurrently(async (client, index) => {
      const id = created[(client * REQUESTS_PER_CLIENT + index) % created.length];
      const blocked = index % 2 === 1;
      const answer = await testApp()
        .post(url('update', blocked ? block : pass, `filterByTk=${id}`))
        .send({ title: `u${client}-${index}` });
      return { id, blocked, status: answer.status, title: `u${client}-${index}` };
    });
    for (const answer of updates.flat()) {
      expect(answer.status).toBe(answer.blocked ? 400 : 200);
    }
    const stored = new Map((await storedAccounts()).map((account) => [account.id, account.title]));
    for (const answer of updates.flat().filter((update) => update.blocked)) {
      expect(stored.get(answer.id)).not.toBe(answer.title);
    }

    const victims = [...created];
    const destroys = await concurrently(async (client, index) => {
      const id = victims[client * REQUESTS_PER_CLIENT + index];
      if (id === undefined) {
        return null;
      }
      const blocked = index % 2 === 0;
      const answer = await testApp().post(url('destroy', blocked ? block : pass, `filterByTk=${id}`));
      return { id, blocked, status: answer.status };
    });
    const remaining = new Set((await storedAccounts()).map((account) => account.id));
    for (const answer of destroys.flat()) {
      if (answer) {
        expect(answer.status).toBe(answer.blocked ? 400 : 200);
        expect(remaining.has(answer.id)).toBe(answer.blocked);
      }
    }
  });
});

describe(`synchronous webhooks called by ${CLIENTS} clients at once each answer their own request`, () => {
  it('answers every request with its own body and runs one execution per request', async () => {
    const hook = await createEnabledWorkflow(testApp(), { type: 'webhook', sync: true, config: {} }, [
      response({ statusCode: 200, body: { echo: '{{$context.body.n}}' } }),
    ]);
    const answers = await concurrently(async (client, index) => {
      const n = `${client}-${index}`;
      const answer = await testApp().http.post(`/api/webhook:trigger/${hook.key}`).send({ n });
      return { n, status: answer.status, body: answer.body };
    });
    for (const answer of answers.flat()) {
      expect([answer.status, answer.body]).toEqual([200, { echo: answer.n }]);
    }
    expect(
      await testApp()
        .app.db.getRepository('executions')
        .count({ filter: { workflowId: hook.id } }),
    ).toBe(CLIENTS * REQUESTS_PER_CLIENT);
  });
});

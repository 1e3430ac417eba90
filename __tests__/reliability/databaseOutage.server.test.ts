import type { Model } from '@nocobase/database';
import { TcpProxy } from '../helpers/tcpProxy';
import { useTestApp } from '../helpers/testApp';
import { countExecutions, createEnabledWorkflow, eventually } from '../helpers/workflows';

/** Runs on PostgreSQL and MariaDB only (jest.config.js): SQLite has no server to lose. */
let proxy: TcpProxy;
beforeAll(async () => {
  proxy = await TcpProxy.start(process.env.DB_HOST || '127.0.0.1', Number(process.env.DB_PORT));
});
afterAll(() => proxy.close());

const testApp = useTestApp({ connectThrough: (options) => ({ ...options, host: '127.0.0.1', port: proxy.port }) });

async function send(key: string, n: number) {
  return testApp().http.post(`/api/webhook:trigger/${key}`).send({ n });
}

describe('while the database is away, asynchronous webhooks answer 503 with Retry-After and lose nothing', () => {
  it('never acknowledges a request it could not store, and recovers without a restart', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    const acknowledged = new Set<number>();
    const sendAndNote = async (n: number) => {
      const answer = await send(workflow.key, n);
      if (answer.status === 200) {
        acknowledged.add(n);
      }
      return answer;
    };
    for (let n = 0; n < 10; n += 1) {
      expect((await sendAndNote(n)).status).toBe(200);
    }

    proxy.cut();
    for (let n = 10; n < 20; n += 1) {
      const answer = await sendAndNote(n);
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('30');
      expect(answer.body).toEqual({
        errors: [{ message: 'The webhook cannot accept requests right now. Please retry later.' }],
      });
    }

    proxy.restore();
    let probe = 1000;
    await eventually(
      async () => (await sendAndNote((probe += 1))).status,
      (status) => status === 200,
      30_000,
    );
    for (let n = 20; n < 30; n += 1) {
      expect((await sendAndNote(n)).status).toBe(200);
    }
    const executed = await eventually(
      async () => {
        const executions = await testApp()
          .app.db.getRepository('executions')
          .find({ filter: { workflowId: workflow.id } });
        return new Set(
          executions.map((execution: Model) => (execution.get('context') as { body: { n: number } }).body.n),
        );
      },
      (numbers) => [...acknowledged].every((n) => numbers.has(n)),
      60_000,
    );
    for (let n = 10; n < 20; n += 1) {
      expect(executed.has(n)).toBe(false);
    }
    expect(await countExecutions(testApp(), workflow.id)).toBe(executed.size);
  });
});

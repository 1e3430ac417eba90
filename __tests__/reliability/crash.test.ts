import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DemoProcess, freePort, startDemoProcess } from '../helpers/demoProcess';
import { ROOT_EMAIL, ROOT_PASSWORD } from '../helpers/testApp';
import { createTestDatabase, TestDatabase } from '../helpers/testDatabase';

const REQUESTS = 1000;
const IN_FLIGHT = 8;

interface Row {
  id: string;
  status: string;
  executionId: string | null;
  body: { n: number };
}

interface Execution {
  id: string;
  eventKey: string;
  status: number | null;
  context: { body: { n: number } };
}

/** The demo app in a child process, killed with SIGKILL at a random moment while it works. */
describe('a process killed while it works loses no acknowledged request and leaves no partial record', () => {
  let database: TestDatabase;
  let storage: string;
  let env: Record<string, string>;
  let demo: DemoProcess | undefined;
  let token = '';

  const api = async <T>(resource: string, init: RequestInit = {}): Promise<T> => {
    const answer = await fetch(`${demo!.baseUrl}/api/${resource}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...init.headers },
    });
    if (!answer.ok) {
      throw new Error(`${resource}: ${answer.status} ${await answer.text()}`);
    }
    return ((await answer.json()) as { data: T }).data;
  };

  async function boot() {
    demo = await startDemoProcess(env);
    const answer = await fetch(`${demo.baseUrl}/api/auth:signIn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Authenticator': 'basic' },
      body: JSON.stringify({ account: ROOT_EMAIL, password: ROOT_PASSWORD }),
    });
    token = ((await answer.json()) as { data: { token: string } }).data.token;
  }

  /**
   * Sends requests n = from … from+count-1, IN_FLIGHT at a time, and kills the app after `killAfter`
   * answers; returns the n whose request got a 2xx.
   */
  async function sendAndKill(
    send: (n: number) => Promise<Response>,
    from: number,
    count: number,
    killAfter: number,
  ): Promise<Set<number>> {
    const acknowledged = new Set<number>();
    let next = from;
    let answered = 0;
    let killing: Promise<void> | undefined;
    const worker = async () => {
      while (next < from + count) {
        const n = next;
        next += 1;
        try {
          if ((await send(n)).ok) {
            acknowledged.add(n);
          }
        } catch {
          // The connection died with the process: this request was not acknowledged.
        }
        answered += 1;
        if (answered === killAfter) {
          killing = demo!.kill();
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    await killing;
    return acknowledged;
  }

  async function settledState(workflowId: number) {
    for (let attempt = 0; attempt < 240; attempt += 1) {
      const rows = await api<Row[]>(`webhookInbox:list?filter[workflowId]=${workflowId}&paginate=false`);
      const executions = await api<Execution[]>(`executions:list?filter[workflowId]=${workflowId}&paginate=false`);
      // An execution the kill caught in the middle of its run stays started, as NocoBase leaves its own.
      const settled =
        rows.every((row) => row.status === 'dispatched') &&
        executions.length === rows.length &&
        executions.every((execution) => execution.status !== null);
      if (settled) {
        return { rows, executions };
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('the inbox did not settle in 2 minutes');
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'hookflow-crash-'));
    env = { ...database.env, APP_PORT: String(await freePort()), STORAGE_PATH: storage };
    await boot();
  });

  afterAll(async () => {
    await demo?.stop();
    await database.drop();
    fs.rmSync(storage, { recursive: true, force: true });
  });

  it('keeps every acknowledged request, and runs each stored one once, through two kills', async () => {
    const workflow = await api<{ id: number; key: string }>('workflows:create', {
      method: 'POST',
      body: JSON.stringify({ title: 'crash', type: 'webhook', sync: false, enabled: true, config: {} }),
    });
    await api(`workflows/${workflow.id}/nodes:create`, {
      method: 'POST',
      body: JSON.stringify({ type: 'calculation', config: { engine: 'math.js', expression: '1 + 1' } }),
    });
    const sendEvent = (n: number) =>
      fetch(`${demo!.baseUrl}/api/webhook:trigger/${workflow.key}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ n }),
      });

    // While requests are in flight.
    const first = await sendAndKill(sendEvent, 0, REQUESTS, 200 + Math.floor(Math.random() * 500));
    await boot();
    // While the dispatcher works through what the first kill left, and new requests arrive.
    const second = await sendAndKill(sendEvent, REQUESTS, 200, 20 + Math.floor(Math.random() * 100));
    await boot();

    const { rows, executions } = await settledState(workflow.id);
    const executed = executions.map((execution) => execution.context.body.n);
    expect(new Set(executed).size).toBe(executed.length);
    for (const n of [...first, ...second]) {
      expect(executed).toContain(n);
    }
    const rowOfExecution = new Map(rows.map((row) => [String(row.executionId), row]));
    for (const execution of executions) {
      const row = rowOfExecution.get(String(execution.id));
      expect(row?.body.n).toBe(execution.context.body.n);
      expect(execution.eventKey).toBe(`hookflow-webhook-inbox:${row?.id}`);
    }
    // The kills did land in the middle of the load: some requests got no acknowledgement.
    expect(first.size).toBeGreaterThan(0);
    expect(first.size).toBeLessThan(REQUESTS);
    expect(second.size).toBeLessThan(200);
  });

  it('leaves every intercepted create whole: an order with all its items, or no order', async () => {
    const field = (name: string, type: string, extra: Record<string, unknown> = {}) => ({ name, type, ...extra });
    await api('collections:create', {
      method: 'POST',
      body: JSON.stringify({ name: 'order_items', fields: [field('sku', 'string', { interface: 'input' })] }),
    });
    await api('collections:create', {
      method: 'POST',
      body: JSON.stringify({
        name: 'orders',
        fields: [
          field('title', 'string', { interface: 'input' }),
          field('items', 'hasMany', { target: 'order_items', foreignKey: 'orderId', interface: 'o2m' }),
        ],
      }),
    });
    const workflow = await api<{ id: number }>('workflows:create', {
      method: 'POST',
      body: JSON.stringify({
        title: 'check orders',
        type: 'request-interception',
        enabled: true,
        config: { collection: 'orders', global: true, actions: ['create'] },
      }),
    });
    await api(`workflows/${workflow.id}/nodes:create`, {
      method: 'POST',
      body: JSON.stringify({
        type: 'response-message',
        config: { message: 'checked {{$context.params.values.title}}' },
      }),
    });

    const sendOrder = (n: number) =>
      fetch(`${demo!.baseUrl}/api/orders:create`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: `order-${n}`, items: [{ sku: 'a' }, { sku: 'b' }, { sku: 'c' }] }),
      });
    const created = new Set(
      [...(await sendAndKill(sendOrder, 0, 400, 50 + Math.floor(Math.random() * 150)))].map((n) => `order-${n}`),
    );
    await boot();

    const orders = await api<{ title: string; items: unknown[] }[]>('orders:list?appends[]=items&paginate=false');
    for (const order of orders) {
      expect([order.title, order.items.length]).toEqual([order.title, 3]);
    }
    const stored = new Set(orders.map((order) => order.title));
    for (const title of created) {
      expect(stored.has(title)).toBe(true);
    }
    expect(created.size).toBeGreaterThan(0);
    expect(created.size).toBeLessThan(400);
  });
});

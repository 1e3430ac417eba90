import type { Model } from '@nocobase/database';
import { EXECUTION_STATUS, JOB_STATUS } from '@nocobase/plugin-workflow';
import { useTestApp } from '../helpers/testApp';
import {
  addNode,
  countExecutions,
  createCollection,
  createEnabledWorkflow,
  end,
  END_STATUS,
  eventually,
  failingNode,
  message,
  response,
  WorkflowSpec,
} from '../helpers/workflows';

const testApp = useTestApp({}, (app) =>
  createCollection(app, 'orders', [{ name: 'title', type: 'string', interface: 'input' }]),
);

/** The statuses NocoBase's "Auto delete history when execution is on end status" offers. */
const END_STATUSES = [
  EXECUTION_STATUS.RESOLVED,
  EXECUTION_STATUS.FAILED,
  EXECUTION_STATUS.ERROR,
  EXECUTION_STATUS.ABORTED,
  EXECUTION_STATUS.CANCELED,
  EXECUTION_STATUS.REJECTED,
];

function interception(options?: Record<string, unknown>): WorkflowSpec {
  return { type: 'request-interception', config: { collection: 'orders' }, options };
}

function create(workflowKey: string, title = 'Order') {
  return testApp().post(`/api/orders:create?triggerWorkflows=${workflowKey}`).send({ title });
}

interface StoredExecution {
  id: string;
  key: string;
  status: number;
  dispatched: boolean;
  startedAt: string | null;
  context: unknown;
  jobs: { status: number; result: unknown }[];
}

async function executionsOf(workflowId: number): Promise<StoredExecution[]> {
  const rows = await testApp()
    .app.db.getRepository('executions')
    .find({ filter: { workflowId }, appends: ['jobs'], sort: ['createdAt'] });
  return rows.map((row: Model) => row.toJSON() as StoredExecution);
}

describe('an in-request run is kept in the execution history, as NocoBase shows it', () => {
  it('stores the execution with its status, context and one job per node', async () => {
    const workflow = await createEnabledWorkflow(testApp(), interception(), [
      message('Hello {{$context.params.values.title}}'),
    ]);
    await create(workflow.key, 'Boat').expect(200);

    const [execution] = await executionsOf(workflow.id);
    expect(execution).toMatchObject({
      key: workflow.key,
      status: EXECUTION_STATUS.RESOLVED,
      dispatched: true,
      context: { params: { values: { title: 'Boat' } } },
    });
    expect(execution.startedAt).toBeTruthy();
    expect(execution.jobs).toHaveLength(1);
    expect(execution.jobs[0]).toMatchObject({ status: JOB_STATUS.RESOLVED, result: 'Hello Boat' });
  });

  it('is readable through the executions API the canvas uses', async () => {
    const workflow = await createEnabledWorkflow(testApp(), interception(), [message('seen'), end(END_STATUS.FAILED)]);
    await create(workflow.key).expect(400);
    const [stored] = await executionsOf(workflow.id);

    const answer = await testApp().get(`/api/executions:get?filterByTk=${stored.id}&appends[]=jobs`).expect(200);
    expect(answer.body.data).toMatchObject({ id: stored.id, status: EXECUTION_STATUS.FAILED });
    expect(answer.body.data.jobs.map((job: { status: number }) => job.status)).toEqual([
      JOB_STATUS.RESOLVED,
      JOB_STATUS.FAILED,
    ]);
  });

  it('records a run that errors with status "error" and the failing job', async () => {
    const workflow = await createEnabledWorkflow(testApp(), interception(), [failingNode()]);
    await create(workflow.key).expect(500);
    const [execution] = await executionsOf(workflow.id);
    expect(execution.status).toBe(EXECUTION_STATUS.ERROR);
    expect(execution.jobs[0].status).toBe(JOB_STATUS.ERROR);
  });
});

describe('the workflow option "Auto delete history when execution is on end status" decides which runs are written', () => {
  it('keeps only failures when resolved runs are auto-deleted', async () => {
    const passing = await createEnabledWorkflow(
      testApp(),
      interception({ deleteExecutionOnStatus: [EXECUTION_STATUS.RESOLVED] }),
      [message('fine')],
    );
    const blocking = await createEnabledWorkflow(
      testApp(),
      interception({ deleteExecutionOnStatus: [EXECUTION_STATUS.RESOLVED] }),
      [message('no'), end(END_STATUS.FAILED)],
    );
    const passed = await create(passing.key).expect(200);
    expect(passed.body.messages).toEqual([{ message: 'fine' }]);
    await create(blocking.key).expect(400);

    expect(await countExecutions(testApp(), passing.id)).toBe(0);
    expect((await executionsOf(blocking.id)).map((execution) => execution.status)).toEqual([EXECUTION_STATUS.FAILED]);
  });

  it('writes nothing when every end status is auto-deleted, and the requests are answered the same', async () => {
    const blocking = await createEnabledWorkflow(testApp(), interception({ deleteExecutionOnStatus: END_STATUSES }), [
      message('Not {{$context.params.values.title}}'),
      end(END_STATUS.FAILED),
    ]);
    const answer = await create(blocking.key, 'this').expect(400);
    expect(answer.body).toEqual({ errors: [{ message: 'Not this' }] });
    expect(await countExecutions(testApp(), blocking.id)).toBe(0);
    const nodes = await testApp()
      .app.db.getRepository('flow_nodes')
      .find({ filter: { workflowId: blocking.id } });
    expect(nodes).toHaveLength(2);
    const nodeIds = nodes.map((node: Model) => node.get('id'));
    expect(
      await testApp()
        .app.db.getRepository('jobs')
        .count({ filter: { nodeId: { $in: nodeIds } } }),
    ).toBe(0);
  });

  it('applies to the executions of asynchronous webhooks once they have run', async () => {
    const kept = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} }, [
      { type: 'calculation', config: { engine: 'math.js', expression: '1 + 1' } },
    ]);
    const dropped = await createEnabledWorkflow(
      testApp(),
      { type: 'webhook', config: {}, options: { deleteExecutionOnStatus: [EXECUTION_STATUS.RESOLVED] } },
      [{ type: 'calculation', config: { engine: 'math.js', expression: '1 + 1' } }],
    );
    await testApp().http.post(`/api/webhook:trigger/${kept.key}`).send({}).expect(200);
    await testApp().http.post(`/api/webhook:trigger/${dropped.key}`).send({}).expect(200);
    const [execution] = await eventually(
      () => executionsOf(kept.id),
      (list) => list.length === 1 && list[0].status === EXECUTION_STATUS.RESOLVED,
    );
    expect(execution.jobs).toEqual([expect.objectContaining({ status: JOB_STATUS.RESOLVED, result: 2 })]);
    const inbox = testApp().app.db.getRepository('webhookInbox');
    await eventually(
      () => inbox.findOne({ filter: { workflowId: dropped.id } }),
      (row) => row?.get('status') === 'dispatched',
    );
    await eventually(
      () => countExecutions(testApp(), dropped.id),
      (count) => count === 0,
    );
  });

  it('applies to synchronous webhooks too', async () => {
    const hook = await createEnabledWorkflow(
      testApp(),
      { type: 'webhook', sync: true, config: {}, options: { deleteExecutionOnStatus: [EXECUTION_STATUS.RESOLVED] } },
      [response({ statusCode: 202, body: { ok: true } })],
    );
    await testApp().http.post(`/api/webhook:trigger/${hook.key}`).send({}).expect(202, { ok: true });
    expect(await countExecutions(testApp(), hook.id)).toBe(0);
  });
});

describe("every run counts in NocoBase's executed counters", () => {
  async function counters(workflow: { id: number; key: string }) {
    const db = testApp().app.db;
    const [version, all] = await Promise.all([
      db.getRepository('workflowVersionStats').findOne({ filterByTk: workflow.id }),
      db.getRepository('workflowStats').findOne({ filterByTk: workflow.key }),
    ]);
    return { version: version?.get('executed'), all: all?.get('executed') };
  }

  it('adds every run, kept in the history or not, within a second', async () => {
    const workflow = await createEnabledWorkflow(testApp(), interception({ deleteExecutionOnStatus: END_STATUSES }), [
      message('counted'),
    ]);
    for (let run = 0; run < 5; run += 1) {
      await create(workflow.key).expect(200);
    }
    await eventually(
      () => counters(workflow),
      (value) => value.version === 5 && value.all === 5,
      5000,
    );
  });

  it('makes the version read-only in the canvas from its first run', async () => {
    const workflow = await createEnabledWorkflow(testApp(), interception(), [message('first')]);
    await create(workflow.key).expect(200);
    expect(await counters(workflow)).toEqual({ version: 1, all: 1 });
    await expect(addNode(testApp(), workflow.id, message('too late'))).rejects.toThrow(/400/);
  });

  it('stores counts still waiting when the app stops', async () => {
    const workflow = await createEnabledWorkflow(testApp(), interception(), [message('before restart')]);
    for (let run = 0; run < 3; run += 1) {
      await create(workflow.key).expect(200);
    }
    await testApp().restart();
    expect(await counters(workflow)).toEqual({ version: 3, all: 3 });
  });
});

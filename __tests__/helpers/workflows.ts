import type { TestApp } from './testApp';

export interface FieldSpec {
  name: string;
  type: string;
  interface?: string;
  target?: string;
  foreignKey?: string;
  validation?: { type: string; rules: { key: string; name: string; args?: Record<string, unknown> }[] };
}

async function expectOk(response: { status: number; body: unknown }, what: string) {
  if (response.status !== 200) {
    throw new Error(`${what} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/** Creates a collection the way the collection manager UI does, so that it survives restarts. */
export async function createCollection(testApp: TestApp, name: string, fields: FieldSpec[]) {
  const response = await testApp.post('/api/collections:create').send({ name, title: name, fields });
  await expectOk(response, `creating collection ${name}`);
}

export interface WorkflowSpec {
  type: string;
  config: Record<string, unknown>;
  title?: string;
  sync?: boolean;
  enabled?: boolean;
  /** NocoBase's workflow options: `deleteExecutionOnStatus`, `timeout`, `stackLimit`. */
  options?: Record<string, unknown>;
}

export interface NodeSpec {
  type: string;
  config?: Record<string, unknown>;
  upstreamId?: number | null;
  branchIndex?: number | null;
  title?: string;
}

export interface CreatedWorkflow {
  id: number;
  key: string;
}

export async function createWorkflow(testApp: TestApp, spec: WorkflowSpec): Promise<CreatedWorkflow> {
  const response = await testApp.post('/api/workflows:create').send({
    title: spec.title ?? `${spec.type} workflow`,
    sync: spec.sync,
    enabled: false,
    ...spec,
    config: spec.config,
  });
  await expectOk(response, 'creating workflow');
  return { id: response.body.data.id, key: response.body.data.key };
}

export async function addNode(testApp: TestApp, workflowId: number, spec: NodeSpec): Promise<number> {
  const response = await testApp
    .post(`/api/workflows/${workflowId}/nodes:create`)
    .send({ title: spec.title ?? spec.type, config: {}, ...spec });
  await expectOk(response, `adding ${spec.type} node`);
  return response.body.data.id;
}

/** Adds nodes one after another, each downstream of the previous one. */
export async function addChain(
  testApp: TestApp,
  workflowId: number,
  nodes: NodeSpec[],
  upstreamId: number | null = null,
) {
  const ids: number[] = [];
  let previous = upstreamId;
  for (const node of nodes) {
    previous = await addNode(testApp, workflowId, { upstreamId: previous, ...node });
    ids.push(previous);
  }
  return ids;
}

export async function setEnabled(testApp: TestApp, workflowId: number, enabled: boolean) {
  const response = await testApp.post(`/api/workflows:update?filterByTk=${workflowId}`).send({ enabled });
  await expectOk(response, `${enabled ? 'enabling' : 'disabling'} workflow ${workflowId}`);
}

/** A workflow with the given nodes in a row, enabled. */
export async function createEnabledWorkflow(testApp: TestApp, spec: WorkflowSpec, nodes: NodeSpec[] = []) {
  const workflow = await createWorkflow(testApp, spec);
  await addChain(testApp, workflow.id, nodes);
  await setEnabled(testApp, workflow.id, true);
  return workflow;
}

export async function countExecutions(testApp: TestApp, workflowId: number) {
  return testApp.app.db.getRepository('executions').count({ filter: { workflowId } });
}

export const END_STATUS = { SUCCEEDED: 1, FAILED: -1 } as const;

export const message = (text: string): NodeSpec => ({ type: 'response-message', config: { message: text } });
export const end = (status: number): NodeSpec => ({ type: 'end', config: { endStatus: status } });
/** A node that errors when it runs: a calculation with an expression that does not parse. */
export const failingNode = (): NodeSpec => ({
  type: 'calculation',
  config: { engine: 'math.js', expression: '1 +* (' },
});

export const response = (config: Record<string, unknown>): NodeSpec => ({ type: 'response', config });

/** Waits until `probe` holds, polling; for work the app finishes in the background. */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: NoInfer<T>) => boolean,
  timeoutMs = 20_000,
) {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (accept(value)) {
      return value;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`still not there after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

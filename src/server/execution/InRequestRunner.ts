import { randomUUID } from 'node:crypto';
import type { Context } from '@nocobase/actions';
import PluginWorkflowServer, { EXECUTION_STATUS, ExecutionModel, WorkflowModel } from '@nocobase/plugin-workflow';
import { errorDetails } from '../logging';
import type { ExecutionCounter } from './ExecutionCounter';
import type { ExecutionHistory } from './ExecutionHistory';
import { InRequestProcessor } from './InRequestProcessor';

/** How long a request waits for its synchronous workflow: 30 s unless HOOKFLOW_SYNC_TIMEOUT_SECONDS says otherwise. */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.HOOKFLOW_SYNC_TIMEOUT_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000;
}

/**
 * Runs synchronous workflows inside the HTTP request that triggered them, for both triggers.
 *
 * NocoBase's dispatcher writes an execution, bumps two counters, re-reads and updates the execution in
 * a transaction of its own, reads its jobs back, then writes the jobs and the final status: about
 * fifteen statements in six transactions before the request can go on. None of that is needed while
 * nobody else can see the execution, so the run happens in memory and its history is written once,
 * in two inserts, when it is over (or not at all, as the workflow's history option says).
 */
export class InRequestRunner {
  constructor(
    private readonly workflowPlugin: PluginWorkflowServer,
    private readonly counter: ExecutionCounter,
    private readonly history: ExecutionHistory,
    private readonly timeoutMs = requestTimeoutMs(),
  ) {}

  /**
   * Runs the workflow to its end, or until the request's time is up: then the run is aborted (nodes
   * get the abort signal), the processor says `timedOut`, and the history is written once the node
   * that was running returns. A run that breaks ends with status "error".
   */
  async run(workflow: WorkflowModel, context: object, httpContext: Context): Promise<InRequestProcessor> {
    await this.counter.count(workflow);
    const processor = new InRequestProcessor(this.newExecution(workflow, context), {
      plugin: this.workflowPlugin,
      httpContext,
    });
    const finished = processor.start().catch((error) => {
      httpContext.logger.error('[hookflow:execution] workflow run failed', {
        workflowId: workflow.id,
        executionId: processor.execution.id,
        error: errorDetails(error),
      });
      processor.execution.set('status', EXECUTION_STATUS.ERROR);
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      finished.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), this.timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      processor.timeOut();
      httpContext.logger.warn('[hookflow:execution] workflow run aborted: the request timed out', {
        workflowId: workflow.id,
        executionId: processor.execution.id,
        timeoutMs: this.timeoutMs,
      });
      void finished.then(() => this.history.record(processor));
      return processor;
    }
    await this.history.record(processor);
    return processor;
  }

  private newExecution(workflow: WorkflowModel, context: object): ExecutionModel {
    const { app, db, timeoutManager } = this.workflowPlugin;
    const startedAt = new Date();
    const execution = db.getModel<ExecutionModel>('executions').build({
      id: app.snowflakeIdGenerator.generate(),
      workflowId: workflow.id,
      key: workflow.key,
      eventKey: randomUUID(),
      context,
      status: EXECUTION_STATUS.STARTED,
      dispatched: true,
      stack: [],
      parentExecutionId: null,
      startedAt,
      createdAt: startedAt,
      updatedAt: startedAt,
    });
    execution.workflow = workflow;
    execution.set('expiresAt', timeoutManager.getExpiresAt(execution, startedAt));
    return execution;
  }
}

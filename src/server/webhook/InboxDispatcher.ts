import { Op } from '@nocobase/database';
import type { Logger } from '@nocobase/logger';
import PluginWorkflowServer, { EXECUTION_STATUS, ExecutionModel, WorkflowModel } from '@nocobase/plugin-workflow';
import type { ExecutionCounter } from '../execution/ExecutionCounter';
import { keepsHistoryOf } from '../execution/ExecutionHistory';
import { NewExecutionProcessor } from '../execution/NewExecutionProcessor';
import { errorDetails } from '../logging';
import type { DeliveryLog } from './DeliveryLog';
import { Dispatch, EVENT_KEY_PREFIX, InboxRow, WebhookInbox } from './WebhookInbox';

export interface InboxDispatcherOptions {
  /** Rows dispatched per transaction. */
  batchSize?: number;
  /** How often the inbox is swept: rows still waiting, inbox executions still queued, old rows. */
  sweepIntervalMs?: number;
  /** A queued inbox execution older than this is started again by the sweep. */
  staleQueueMs?: number;
  /** Finished rows older than this are deleted. */
  retentionMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Inbox executions run at once on PostgreSQL, MySQL and MariaDB. */
const PARALLEL_RUNS = 4;

/** Inbox retention: 7 days unless HOOKFLOW_INBOX_RETENTION_DAYS says otherwise. */
export function inboxRetentionMs(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.HOOKFLOW_INBOX_RETENTION_DAYS);
  return (Number.isFinite(days) && days > 0 ? days : 7) * DAY_MS;
}

/**
 * Turns inbox rows into workflow executions in the background. A row and its queued execution are
 * written in one transaction, so a crash at any point leaves either a row still waiting (the next
 * drain or sweep, on this or another instance, dispatches it) or a queued execution (the workflow
 * engine's recovery, or this sweep for disabled versions, starts it). The execution carries the
 * row's unique event key: no row ever gets two executions.
 */
export class InboxDispatcher {
  private readonly batchSize: number;
  private readonly sweepIntervalMs: number;
  private readonly staleQueueMs: number;
  private readonly retentionMs: number;
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(
    private readonly inbox: WebhookInbox,
    private readonly deliveries: DeliveryLog,
    private readonly workflowPlugin: PluginWorkflowServer,
    private readonly counter: ExecutionCounter,
    private readonly logger: Logger,
    options: InboxDispatcherOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 50;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 30_000;
    this.staleQueueMs = options.staleQueueMs ?? 30_000;
    this.retentionMs = options.retentionMs ?? inboxRetentionMs();
  }

  /** Starts dispatching: now for what is waiting, then periodically. */
  start() {
    this.stopped = false;
    this.timer = setInterval(() => void this.sweep(), this.sweepIntervalMs);
    this.timer.unref();
    // Executions this instance's previous process queued but never started may be seconds old.
    void this.sweep({ queuedBefore: new Date() });
  }

  async stop() {
    this.stopped = true;
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    await this.draining;
  }

  /** A new row is waiting: dispatch it soon, after what is already being dispatched. */
  notify() {
    if (this.stopped) {
      return;
    }
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error) => {
        this.logger.error('[hookflow:webhook] dispatching the inbox failed', { error: errorDetails(error) });
      })
      .finally(() => {
        this.draining = null;
        if (this.drainAgain) {
          this.drainAgain = false;
          this.notify();
        }
      });
  }

  /** Restarts inbox executions still queued, dispatches what is waiting, prunes old rows and expired delivery ids. */
  async sweep({ queuedBefore = new Date(Date.now() - this.staleQueueMs) }: { queuedBefore?: Date } = {}) {
    if (this.stopped) {
      return;
    }
    try {
      await this.startQueuedExecutions(queuedBefore);
      await this.inbox.prune(new Date(Date.now() - this.retentionMs));
      await this.deliveries.prune();
    } catch (error) {
      this.logger.error('[hookflow:webhook] inbox sweep failed', { error: errorDetails(error) });
    }
    this.notify();
  }

  private async drain() {
    for (;;) {
      const rows = await this.inbox.receivedRows(this.batchSize);
      if (this.stopped || !rows.length) {
        return;
      }
      await this.dispatch(rows);
      if (rows.length < this.batchSize) {
        return;
      }
    }
  }

  private async dispatch(rows: InboxRow[]) {
    const dispatches: Dispatch[] = [];
    // Keyed by text: bigint ids come back as strings from PostgreSQL.
    const workflows = new Map<string, WorkflowModel | null>();
    for (const row of rows) {
      const versionKey = String(row.workflowId);
      if (!workflows.has(versionKey)) {
        workflows.set(versionKey, await this.versionOf(Number(row.workflowId)));
      }
      const workflow = workflows.get(versionKey);
      if (!workflow) {
        await this.inbox.markFailed(row.id, 'workflow deleted');
        this.logger.warn('[hookflow:webhook] inbox row without its workflow', {
          rowId: row.id,
          workflowId: row.workflowId,
        });
        continue;
      }
      // NocoBase's generator makes numbers (the type also allows a BigInt it never returns).
      dispatches.push({ row, workflow, executionId: Number(this.workflowPlugin.app.snowflakeIdGenerator.generate()) });
    }
    let created: Awaited<ReturnType<WebhookInbox['createExecutions']>>;
    try {
      created = await this.inbox.createExecutions(dispatches);
    } catch (error) {
      if (dispatches.length === 1) {
        await this.recoverRow(dispatches[0].row, error);
        return;
      }
      // One row spoiled the batch (its execution exists already, say): take them one by one.
      for (const dispatch of dispatches) {
        await this.dispatch([dispatch.row]);
      }
      return;
    }
    // A few executions at a time: a database server answers them in parallel; SQLite has one writer.
    const parallel = this.workflowPlugin.db.options.dialect === 'sqlite' ? 1 : PARALLEL_RUNS;
    let next = 0;
    const worker = async () => {
      while (next < created.length) {
        const { workflow, execution } = created[next];
        next += 1;
        await this.counter.count(workflow);
        await this.run(execution, workflow);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, created.length) }, worker));
  }

  /**
   * Runs a queued inbox execution here, with NocoBase's own Processor, instead of through the workflow
   * engine's queue, which runs one execution at a time and re-reads each one in a transaction of its
   * own. The execution is taken from the queue by a conditional update, so the engine's recovery never
   * starts it a second time. No execution lock is taken: until the run's first job is pending, which
   * the Processor writes as its very last step, nothing else can resume it (and NocoBase's in-memory
   * lock adapter never forgets a key, so a lock per execution would grow the heap without end).
   * The version that acknowledged the request runs it, even if it has been disabled since.
   */
  private async run(execution: ExecutionModel, workflow: WorkflowModel) {
    const { timeoutManager } = this.workflowPlugin;
    const startedAt = new Date();
    execution.workflow = workflow;
    const started = {
      status: EXECUTION_STATUS.STARTED,
      dispatched: true,
      startedAt,
      expiresAt: timeoutManager.getExpiresAt(execution, startedAt),
    };
    const [taken] = await this.workflowPlugin.db.getModel('executions').update(started, {
      where: { id: execution.id, status: EXECUTION_STATUS.QUEUEING, dispatched: false },
    });
    if (taken !== 1) {
      return;
    }
    execution.set(started, { raw: true });
    timeoutManager.scheduleExecutionTimeout(execution);
    try {
      await new NewExecutionProcessor(execution, { plugin: this.workflowPlugin }).start();
    } catch (error) {
      this.logger.error('[hookflow:webhook] inbox execution failed', {
        executionId: execution.id,
        error: errorDetails(error),
      });
      return;
    }
    if (execution.status !== EXECUTION_STATUS.STARTED && !keepsHistoryOf(workflow, execution.status)) {
      await execution.destroy();
    }
  }

  /**
   * The enabled workflow object when this version is enabled (NocoBase keeps its counters there), the
   * stored version otherwise.
   */
  private async versionOf(workflowId: number): Promise<WorkflowModel | null> {
    return (
      this.workflowPlugin.enabledCache.get(workflowId) ??
      ((await this.workflowPlugin.db
        .getRepository('workflows')
        .findOne({ filterByTk: workflowId })) as WorkflowModel | null)
    );
  }

  /** A row whose execution could not be created: done already (then marked so), or left for the next sweep. */
  private async recoverRow(row: InboxRow, error: unknown) {
    const executionId = await this.inbox.existingExecutionId(row);
    if (executionId !== null) {
      await this.inbox.markDispatched(row.id, executionId);
      return;
    }
    this.logger.error('[hookflow:webhook] could not create the execution of an inbox row; retrying later', {
      rowId: row.id,
      error: errorDetails(error),
    });
  }

  /**
   * A queued execution waits in the workflow engine's queue until it starts; if the process dies first,
   * the engine's own recovery restarts it only while its workflow is enabled. An acknowledged request
   * must run even if its version was disabled since, so queued inbox executions are restarted here too
   * (the engine ignores a start for an execution that has already started).
   */
  private async startQueuedExecutions(createdBefore: Date) {
    const queued = await this.workflowPlugin.db.getModel('executions').findAll({
      where: {
        eventKey: { [Op.like]: `${EVENT_KEY_PREFIX}%` },
        status: EXECUTION_STATUS.QUEUEING,
        startedAt: null,
        createdAt: { [Op.lt]: createdBefore },
      },
      order: [['id', 'ASC']],
      limit: this.batchSize,
    });
    for (const execution of queued) {
      await this.workflowPlugin.start(execution as ExecutionModel);
    }
  }
}

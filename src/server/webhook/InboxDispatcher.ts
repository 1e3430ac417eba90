import { Op, Transactionable } from '@nocobase/database';
import type { Logger } from '@nocobase/logger';
import PluginWorkflowServer, { EXECUTION_STATUS, ExecutionModel, WorkflowModel } from '@nocobase/plugin-workflow';
import { EVENT_KEY_PREFIX, eventKeyOfRow, INBOX_STATUS, InboxRow, rowIdOfEventKey, WebhookInbox } from './WebhookInbox';
import { errorDetails } from '../logging';

export interface InboxDispatcherOptions {
  /** Rows read per query. */
  batchSize?: number;
  /** How often stale claims are retried and old rows pruned. */
  sweepIntervalMs?: number;
  /** A claim older than this whose execution does not exist is dispatched again. */
  staleClaimMs?: number;
  /** Finished rows older than this are deleted. */
  retentionMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Inbox retention: 7 days unless HOOKFLOW_INBOX_RETENTION_DAYS says otherwise. */
export function inboxRetentionMs(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.HOOKFLOW_INBOX_RETENTION_DAYS);
  return (Number.isFinite(days) && days > 0 ? days : 7) * DAY_MS;
}

/**
 * Turns inbox rows into workflow executions in the background. Every step is in the database: a row
 * is claimed with a conditional update, and its execution carries the row's unique event key, so a
 * crash at any point leaves a row that the next sweep (on this or another instance) finishes, and no
 * row ever gets two executions.
 */
export class InboxDispatcher {
  private readonly batchSize: number;
  private readonly sweepIntervalMs: number;
  private readonly staleClaimMs: number;
  private readonly retentionMs: number;
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(
    private readonly inbox: WebhookInbox,
    private readonly workflowPlugin: PluginWorkflowServer,
    private readonly logger: Logger,
    options: InboxDispatcherOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 50;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 30_000;
    this.staleClaimMs = options.staleClaimMs ?? 30_000;
    this.retentionMs = options.retentionMs ?? inboxRetentionMs();
  }

  /** Starts dispatching: now for what is waiting, then periodically for stale claims. */
  start() {
    this.stopped = false;
    this.timer = setInterval(() => void this.sweep(), this.sweepIntervalMs);
    this.timer.unref();
    // A claim left by this instance's previous process may be seconds old: take every claim as stale
    // now. A claim another live instance has just made may be taken too; the unique event key still
    // lets only one execution through (the other attempt is logged by the workflow engine).
    void this.sweep({ staleBefore: new Date() });
  }

  async stop() {
    this.stopped = true;
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    await this.draining;
  }

  /**
   * Hook for `executions.afterCreate`: the execution of an inbox row exists. It never throws, since a
   * failure here would make the workflow engine drop an execution it has already written; a row left
   * in `dispatching` is finished by the next sweep.
   */
  readonly onExecutionCreated = async (execution: ExecutionModel, options: Transactionable = {}) => {
    const rowId = rowIdOfEventKey(execution.get('eventKey'));
    if (rowId === null) {
      return;
    }
    try {
      await this.inbox.markDispatched(rowId, Number(execution.get('id')), options);
    } catch (error) {
      this.logger.warn('[hookflow:webhook] could not mark an inbox row dispatched', {
        rowId,
        error: errorDetails(error),
      });
    }
  };

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

  /**
   * Retries claims left by a dead dispatcher, restarts inbox executions still queued, dispatches what
   * is waiting and prunes old rows.
   */
  async sweep({ staleBefore = new Date(Date.now() - this.staleClaimMs) }: { staleBefore?: Date } = {}) {
    if (this.stopped) {
      return;
    }
    try {
      for (const row of await this.inbox.rowsInStatus(INBOX_STATUS.DISPATCHING, this.batchSize, staleBefore)) {
        if (
          !(await this.finishIfExecuted(row)) &&
          (await this.inbox.claim(row.id, INBOX_STATUS.DISPATCHING, staleBefore))
        ) {
          await this.dispatch(row);
        }
      }
      await this.startQueuedExecutions(staleBefore);
      await this.inbox.prune(new Date(Date.now() - this.retentionMs));
    } catch (error) {
      this.logger.error('[hookflow:webhook] inbox sweep failed', { error: errorDetails(error) });
    }
    this.notify();
  }

  private async drain() {
    for (;;) {
      const rows = await this.inbox.rowsInStatus(INBOX_STATUS.RECEIVED, this.batchSize);
      for (const row of rows) {
        if (this.stopped) {
          return;
        }
        if (await this.inbox.claim(row.id, INBOX_STATUS.RECEIVED)) {
          await this.dispatch(row);
        }
      }
      if (rows.length < this.batchSize) {
        return;
      }
    }
  }

  /**
   * An execution waits in the workflow engine's in-memory queue until it starts; if the process dies
   * first, the engine's own recovery restarts it only while its workflow is enabled. An acknowledged
   * request must run even if its version was disabled since, so queued inbox executions are restarted
   * here too (the engine ignores a start for an execution that has already started).
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

  /** A row whose execution was created before its dispatcher died only needs its status set. */
  private async finishIfExecuted(row: InboxRow): Promise<boolean> {
    const execution = await this.workflowPlugin.db
      .getRepository('executions')
      .findOne({ filter: { eventKey: eventKeyOfRow(row.id) } });
    if (!execution) {
      return false;
    }
    await this.inbox.markDispatched(row.id, Number(execution.get('id')));
    return true;
  }

  private async dispatch(row: InboxRow) {
    const workflow = (await this.workflowPlugin.db
      .getRepository('workflows')
      .findOne({ filterByTk: row.workflowId })) as WorkflowModel | null;
    if (!workflow) {
      await this.inbox.markFailed(row.id, 'workflow deleted');
      this.logger.warn('[hookflow:webhook] inbox row without its workflow', {
        rowId: row.id,
        workflowId: row.workflowId,
      });
      return;
    }
    // The version that acknowledged the request runs it, even if it has been disabled since.
    await this.workflowPlugin.trigger(
      workflow,
      { headers: row.headers, query: row.query, body: row.body },
      { eventKey: eventKeyOfRow(row.id), force: true },
    );
  }
}

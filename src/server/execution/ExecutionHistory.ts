import type { Database } from '@nocobase/database';
import type { Logger } from '@nocobase/logger';
import type { WorkflowModel } from '@nocobase/plugin-workflow';
import { errorDetails } from '../logging';
import type { InRequestProcessor } from './InRequestProcessor';

/**
 * Whether a workflow keeps a run that ended in `status` in its execution history. The choice is
 * NocoBase's own workflow option "Auto delete history when execution is on end status"
 * (`options.deleteExecutionOnStatus`): NocoBase writes such a run and deletes it afterwards; here it
 * is never written.
 */
export function keepsHistoryOf(workflow: Pick<WorkflowModel, 'options'>, status: number): boolean {
  const dropped = workflow.options?.deleteExecutionOnStatus;
  return !(Array.isArray(dropped) && dropped.some((item) => Number(item) === status));
}

/**
 * Writes a finished in-request run: its execution, then its jobs in one bulk insert. No transaction
 * wraps the two: measured on SQLite it made a rejected request a third slower, and if the second
 * write fails the execution stays in the history without its jobs, with the error in the log.
 */
export class ExecutionHistory {
  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  /**
   * Never throws: the history is the workflow's log, not the request's data, so a request whose
   * workflows have decided is answered even if their log cannot be written (the log says so).
   */
  async record(processor: InRequestProcessor) {
    const { execution } = processor;
    if (!execution.workflow || !keepsHistoryOf(execution.workflow, execution.status)) {
      return;
    }
    try {
      await execution.save();
      if (processor.jobs.size) {
        await this.db.getModel('jobs').bulkCreate(
          [...processor.jobs.values()].map((job) => job.toJSON()),
          { returning: false },
        );
      }
    } catch (error) {
      this.logger.error('[hookflow:execution] could not write the execution history', {
        workflowId: execution.workflowId,
        executionId: execution.id,
        error: errorDetails(error),
      });
    }
  }
}

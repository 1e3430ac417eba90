import { EXECUTION_REASON, EXECUTION_STATUS, IJob, JobModel, Processor } from '@nocobase/plugin-workflow';
import { NewExecutionProcessor } from './NewExecutionProcessor';

/**
 * A Processor for one synchronous run inside an HTTP request. NocoBase's Processor writes the jobs and
 * the execution's status as it exits, a statement at a time; this one keeps them in memory, so that
 * `ExecutionHistory` can write the whole execution in two inserts once the run is over, or not
 * at all when the workflow keeps no history of that outcome.
 */
export class InRequestProcessor extends NewExecutionProcessor {
  /** The jobs of the run, in the order the nodes produced them. */
  readonly jobs = new Map<string, JobModel>();
  /** The request stopped waiting for this run: it is aborted, and whatever it does next is not its answer. */
  timedOut = false;

  /** Aborts the run because the request's time is up; it ends as "aborted" with reason "timeout". */
  timeOut() {
    this.timedOut = true;
    this.abortExecution(EXECUTION_REASON.TIMEOUT);
    this.execution.set({ status: EXECUTION_STATUS.ABORTED, reason: EXECUTION_REASON.TIMEOUT });
  }

  override saveJob(payload: JobModel | IJob): JobModel {
    const job = super.saveJob(payload);
    this.jobs.set(String(job.id), job);
    return job;
  }

  /** Ends the run with the status of its last job; `true` (a node that hands over control) keeps it running. */
  override async exit(status?: number | true): Promise<null> {
    if (typeof status === 'number' && !this.timedOut) {
      const statusMap: Record<number, number> = Processor.StatusMap;
      this.execution.set('status', statusMap[status] ?? Math.sign(status));
    }
    return null;
  }
}

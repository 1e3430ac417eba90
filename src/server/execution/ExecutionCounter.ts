import type { Database, Model } from '@nocobase/database';
import type { Logger } from '@nocobase/logger';
import type { WorkflowModel } from '@nocobase/plugin-workflow';
import { errorDetails } from '../logging';

/** How often counted runs are added to NocoBase's "executed" counters. */
const FLUSH_INTERVAL_MS = 1000;

/** NocoBase keeps a version's counters on the enabled workflow and reads `executed` from there to lock it. */
type CountedWorkflow = WorkflowModel & { versionStats?: Model | null };

interface PendingCount {
  workflowKey: string;
  runs: number;
}

/**
 * NocoBase's "executed" counters, per workflow (`workflowStats`, by key) and per version
 * (`workflowVersionStats`, by id). Adding each run with its own statements would cost two writes per
 * request, so runs are counted in memory and added once a second, and when the app stops. The first
 * run of a version in this process is stored before it starts: NocoBase makes a version that has
 * executed read-only, and its nodes must not change under the runs that use them.
 */
export class ExecutionCounter {
  private readonly pending = new Map<number, PendingCount>();
  private readonly storedVersions = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  async count(workflow: WorkflowModel) {
    if (!this.storedVersions.has(workflow.id)) {
      await this.add([[workflow.id, { workflowKey: workflow.key, runs: 1 }]]);
      (workflow as CountedWorkflow).versionStats = await this.db
        .getRepository('workflowVersionStats')
        .findOne({ filterByTk: workflow.id });
      this.storedVersions.add(workflow.id);
      return;
    }
    const entry = this.pending.get(workflow.id);
    if (entry) {
      entry.runs += 1;
    } else {
      this.pending.set(workflow.id, { workflowKey: workflow.key, runs: 1 });
    }
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS).unref();
  }

  /** Adds what has been counted so far; counts that could not be stored are kept for the next flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      const counts = [...this.pending.entries()];
      this.pending.clear();
      if (!counts.length) {
        return;
      }
      try {
        await this.add(counts);
      } catch (error) {
        this.logger.warn('[hookflow:execution] could not store execution counts; retrying', {
          error: errorDetails(error),
        });
        for (const [versionId, count] of counts) {
          const entry = this.pending.get(versionId);
          this.pending.set(versionId, entry ? { ...count, runs: count.runs + entry.runs } : count);
        }
        this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS).unref();
      }
    });
    return this.flushing;
  }

  private async add(counts: [number, PendingCount][]) {
    const byWorkflow = new Map<string, number>();
    for (const [, { workflowKey, runs }] of counts) {
      byWorkflow.set(workflowKey, (byWorkflow.get(workflowKey) ?? 0) + runs);
    }
    await this.db.sequelize.transaction(async (transaction) => {
      for (const [versionId, { runs }] of counts) {
        await this.db
          .getModel('workflowVersionStats')
          .increment('executed', { by: runs, where: { id: versionId }, transaction });
      }
      for (const [workflowKey, runs] of byWorkflow) {
        await this.db
          .getModel('workflowStats')
          .increment('executed', { by: runs, where: { key: workflowKey }, transaction });
      }
    });
  }
}

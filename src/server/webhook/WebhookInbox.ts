import type { Database, Model, Transactionable } from '@nocobase/database';
import { Op } from '@nocobase/database';
import { EXECUTION_STATUS, ExecutionModel, WorkflowModel } from '@nocobase/plugin-workflow';
import type { WebhookEventContext } from './WebhookTrigger';

export const INBOX_COLLECTION = 'webhookInbox';

/** What happened to a received webhook request. */
export const INBOX_STATUS = {
  /** Stored and acknowledged; no execution yet. */
  RECEIVED: 'received',
  /** Its execution exists (`executionId`): written in the same transaction as this status. */
  DISPATCHED: 'dispatched',
  /** It cannot run: its workflow is gone. `error` says why. */
  FAILED: 'failed',
} as const;

export type InboxStatus = (typeof INBOX_STATUS)[keyof typeof INBOX_STATUS];

export interface InboxRow {
  id: number;
  workflowId: number;
  workflowKey: string;
  headers: Record<string, string>;
  query: unknown;
  body: unknown;
  verified: boolean | null;
  rawBody: string | null;
  /** The row this one replays, when a workflow manager replayed a stored request. */
  replayOf: number | null;
  /** The status the request was acknowledged with. */
  statusCode: number | null;
  status: InboxStatus;
}

/** The `$context` a stored request gives its execution: what the workflow would have seen in the request. */
export function eventOfRow(row: InboxRow): WebhookEventContext {
  return {
    headers: row.headers,
    query: row.query,
    body: row.body,
    verified: row.verified === true,
    ...(row.rawBody === null || row.rawBody === undefined ? {} : { rawBody: row.rawBody }),
    ...(row.replayOf === null || row.replayOf === undefined ? {} : { replayOf: Number(row.replayOf) }),
  };
}

export const EVENT_KEY_PREFIX = 'hookflow-webhook-inbox:';

/**
 * The execution's unique `eventKey` names the inbox row it came from: the database refuses a second
 * execution for the same row, whichever instance or retry tries to create it.
 */
export function eventKeyOfRow(id: number | string): string {
  return `${EVENT_KEY_PREFIX}${id}`;
}

/** A row and the execution to create for it, with the id chosen beforehand. */
export interface Dispatch {
  row: InboxRow;
  workflow: WorkflowModel;
  executionId: number;
}

/** The durable store of received webhook requests and the state changes a dispatcher makes to them. */
export class WebhookInbox {
  constructor(private readonly db: Database) {}

  private get model() {
    return this.db.getModel(INBOX_COLLECTION);
  }

  /** Stores an acknowledged request, with the status it was answered with. */
  async record(
    workflow: WorkflowModel,
    event: WebhookEventContext,
    statusCode: number,
    options: Transactionable = {},
  ): Promise<number> {
    const row = await this.model.create(
      {
        workflowId: workflow.id,
        workflowKey: workflow.key,
        receivedAt: new Date(),
        headers: event.headers,
        query: event.query,
        body: event.body,
        verified: event.verified,
        rawBody: event.rawBody ?? null,
        replayOf: event.replayOf ?? null,
        statusCode,
        status: INBOX_STATUS.RECEIVED,
      },
      { transaction: options.transaction },
    );
    return Number(row.get('id'));
  }

  async find(id: number | string): Promise<InboxRow | null> {
    const row = await this.model.findOne({ where: { id } });
    return row ? (row.toJSON() as InboxRow) : null;
  }

  async receivedRows(limit: number): Promise<InboxRow[]> {
    const rows = await this.model.findAll({
      where: { status: INBOX_STATUS.RECEIVED },
      order: [['id', 'ASC']],
      limit,
    });
    return rows.map((row: Model) => row.toJSON() as InboxRow);
  }

  /**
   * Creates the queued executions of received rows and marks the rows dispatched, in one transaction:
   * a row is never dispatched without its execution, nor run twice. A row another dispatcher has
   * taken meanwhile is skipped. Returns the dispatches made, with their executions.
   */
  async createExecutions(dispatches: Dispatch[]): Promise<(Dispatch & { execution: ExecutionModel })[]> {
    return this.db.sequelize.transaction(async (transaction) => {
      const created: (Dispatch & { execution: ExecutionModel })[] = [];
      for (const dispatch of dispatches) {
        const { row, workflow, executionId } = dispatch;
        const [taken] = await this.model.update(
          { status: INBOX_STATUS.DISPATCHED, executionId },
          { where: { id: row.id, status: INBOX_STATUS.RECEIVED }, transaction },
        );
        if (taken !== 1) {
          continue;
        }
        const execution = await this.db.getModel<ExecutionModel>('executions').create(
          {
            id: executionId,
            workflowId: workflow.id,
            key: workflow.key,
            eventKey: eventKeyOfRow(row.id),
            context: eventOfRow(row),
            status: EXECUTION_STATUS.QUEUEING,
            dispatched: false,
            stack: [],
            parentExecutionId: null,
          },
          { transaction },
        );
        created.push({ ...dispatch, execution });
      }
      return created;
    });
  }

  /** The execution created for a row earlier, if any: found by the row's unique event key. */
  async existingExecutionId(row: InboxRow): Promise<number | null> {
    const execution = await this.db
      .getModel('executions')
      .findOne({ where: { eventKey: eventKeyOfRow(row.id) }, attributes: ['id'] });
    return execution ? Number(execution.get('id')) : null;
  }

  async markDispatched(id: number, executionId: number) {
    await this.model.update({ status: INBOX_STATUS.DISPATCHED, executionId }, { where: { id } });
  }

  async markFailed(id: number, error: string) {
    await this.model.update({ status: INBOX_STATUS.FAILED, error }, { where: { id } });
  }

  /** Deletes finished rows received before `receivedBefore`; rows still waiting to run are kept. */
  async prune(receivedBefore: Date): Promise<number> {
    return this.model.destroy({
      where: {
        receivedAt: { [Op.lt]: receivedBefore },
        status: [INBOX_STATUS.DISPATCHED, INBOX_STATUS.FAILED],
      },
    });
  }
}

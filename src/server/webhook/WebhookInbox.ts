import type { Database, Model, Transactionable } from '@nocobase/database';
import { Op } from '@nocobase/database';
import type { WorkflowModel } from '@nocobase/plugin-workflow';
import type { WebhookEventContext } from './WebhookTrigger';

export const INBOX_COLLECTION = 'webhookInbox';

/** What happened to a received webhook request. */
export const INBOX_STATUS = {
  /** Stored and acknowledged; no execution yet. */
  RECEIVED: 'received',
  /** Claimed by a dispatcher; its execution is being created. */
  DISPATCHING: 'dispatching',
  /** Its execution exists (`executionId`). */
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
  status: InboxStatus;
}

export const EVENT_KEY_PREFIX = 'hookflow-webhook-inbox:';

/**
 * The execution's unique `eventKey` names the inbox row it came from: the database refuses a second
 * execution for the same row, whichever instance or retry tries to create it.
 */
export function eventKeyOfRow(id: number | string): string {
  return `${EVENT_KEY_PREFIX}${id}`;
}

export function rowIdOfEventKey(eventKey: unknown): number | null {
  if (typeof eventKey !== 'string' || !eventKey.startsWith(EVENT_KEY_PREFIX)) {
    return null;
  }
  const id = Number(eventKey.slice(EVENT_KEY_PREFIX.length));
  return Number.isSafeInteger(id) ? id : null;
}

/** The durable store of received webhook requests and the state changes a dispatcher makes to them. */
export class WebhookInbox {
  constructor(private readonly db: Database) {}

  private get model() {
    return this.db.getModel(INBOX_COLLECTION);
  }

  async record(workflow: WorkflowModel, event: WebhookEventContext): Promise<number> {
    const row = await this.model.create({
      workflowId: workflow.id,
      workflowKey: workflow.key,
      receivedAt: new Date(),
      headers: event.headers,
      query: event.query,
      body: event.body,
      status: INBOX_STATUS.RECEIVED,
    });
    return Number(row.get('id'));
  }

  async rowsInStatus(status: InboxStatus, limit: number, claimedBefore?: Date): Promise<InboxRow[]> {
    const where: Record<string, unknown> = { status };
    if (claimedBefore) {
      where.claimedAt = { [Op.lt]: claimedBefore };
    }
    const rows = await this.model.findAll({ where, order: [['id', 'ASC']], limit });
    return rows.map((row: Model) => row.toJSON() as InboxRow);
  }

  /** Moves a row to `dispatching` if it is still in `from`: only one claimer can win. */
  async claim(id: number, from: InboxStatus, claimedBefore?: Date): Promise<boolean> {
    const where: Record<string, unknown> = { id, status: from };
    if (claimedBefore) {
      where.claimedAt = { [Op.lt]: claimedBefore };
    }
    const [changed] = await this.model.update({ status: INBOX_STATUS.DISPATCHING, claimedAt: new Date() }, { where });
    return changed === 1;
  }

  async markDispatched(id: number, executionId: number, options: Transactionable = {}) {
    await this.model.update(
      { status: INBOX_STATUS.DISPATCHED, executionId },
      { where: { id }, transaction: options.transaction },
    );
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

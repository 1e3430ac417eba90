import { createHash } from 'node:crypto';
import type { Database, Transactionable } from '@nocobase/database';
import { Op, UniqueConstraintError } from '@nocobase/database';
import type { HttpResponse } from '../http/RequestContext';

export const DELIVERIES_COLLECTION = 'webhookDeliveries';

export const DELIVERY_STATE = {
  /** The first request with this id is still being answered. */
  PROCESSING: 'processing',
  /** Answered; a retry gets the same answer. */
  ANSWERED: 'answered',
} as const;

/** A synchronous run that has not answered in this long is taken as abandoned (its process died). */
const ABANDONED_AFTER_MS = 120_000;
/** Longer ids are stored as their digest, so that any id fits the column. */
const MAX_STORED_ID_LENGTH = 200;

export type DeliveryClaim = { kind: 'new' } | { kind: 'answered'; response: HttpResponse } | { kind: 'in-progress' };

interface DeliveryRow {
  id: number;
  state: string;
  receivedAt: Date | string;
  expiresAt: Date | string;
  statusCode: number;
  headers: HttpResponse['headers'] | null;
  body: { value: unknown } | null;
}

function storedId(deliveryId: string): string {
  return deliveryId.length > MAX_STORED_ID_LENGTH
    ? `sha256:${createHash('sha256').update(deliveryId).digest('hex')}`
    : deliveryId;
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof UniqueConstraintError;
}

/** The deliveries webhooks have accepted, by workflow key and delivery id, for their dedupe window. */
export class DeliveryLog {
  constructor(private readonly db: Database) {}

  private get model() {
    return this.db.getModel(DELIVERIES_COLLECTION);
  }

  /**
   * Writes an accepted delivery with its answer (asynchronous webhooks, in the transaction that stores
   * the request). Throws a unique violation when the id was accepted already.
   */
  async recordAnswered(
    workflowKey: string,
    deliveryId: string,
    windowSeconds: number,
    response: HttpResponse,
    options: Transactionable = {},
  ) {
    const now = new Date();
    await this.model.create(
      {
        workflowKey,
        deliveryId: storedId(deliveryId),
        receivedAt: now,
        expiresAt: new Date(now.getTime() + windowSeconds * 1000),
        state: DELIVERY_STATE.ANSWERED,
        ...this.responseValues(response),
      },
      { transaction: options.transaction },
    );
  }

  /**
   * Claims a delivery id before a synchronous run. `new`: this request runs (and must `answer` or
   * `release`). Otherwise the id was seen inside its window: its answer, or that it is still running.
   */
  async claim(workflowKey: string, deliveryId: string, windowSeconds: number): Promise<DeliveryClaim> {
    const id = storedId(deliveryId);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const now = new Date();
      try {
        await this.model.create({
          workflowKey,
          deliveryId: id,
          receivedAt: now,
          expiresAt: new Date(now.getTime() + windowSeconds * 1000),
          state: DELIVERY_STATE.PROCESSING,
        });
        return { kind: 'new' };
      } catch (error) {
        if (!isUniqueViolation(error)) {
          throw error;
        }
      }
      const existing = await this.find(workflowKey, id);
      if (!existing) {
        continue;
      }
      if (new Date(existing.expiresAt) < now || this.abandoned(existing, now)) {
        // Outside its window, or left by a process that died: take it over (one taker wins).
        await this.model.destroy({ where: { id: existing.id } });
        continue;
      }
      return this.claimOf(existing);
    }
    return { kind: 'in-progress' };
  }

  /** The answer recorded for an id inside its window, if any. */
  async recorded(workflowKey: string, deliveryId: string): Promise<DeliveryClaim | null> {
    const existing = await this.find(workflowKey, storedId(deliveryId));
    return existing && new Date(existing.expiresAt) >= new Date() ? this.claimOf(existing) : null;
  }

  async answer(workflowKey: string, deliveryId: string, response: HttpResponse) {
    await this.model.update(
      { state: DELIVERY_STATE.ANSWERED, ...this.responseValues(response) },
      { where: { workflowKey, deliveryId: storedId(deliveryId) } },
    );
  }

  /** Forgets a claimed id whose run did not succeed, so that the sender's retry runs again. */
  async release(workflowKey: string, deliveryId: string) {
    await this.model.destroy({
      where: { workflowKey, deliveryId: storedId(deliveryId), state: DELIVERY_STATE.PROCESSING },
    });
  }

  async prune(now = new Date()): Promise<number> {
    return this.model.destroy({ where: { expiresAt: { [Op.lt]: now } } });
  }

  private responseValues(response: HttpResponse) {
    return { statusCode: response.statusCode, headers: response.headers, body: { value: response.body } };
  }

  private async find(workflowKey: string, id: string): Promise<DeliveryRow | null> {
    const row = await this.model.findOne({ where: { workflowKey, deliveryId: id } });
    return row ? (row.toJSON() as DeliveryRow) : null;
  }

  private abandoned(row: DeliveryRow, now: Date): boolean {
    return (
      row.state === DELIVERY_STATE.PROCESSING && now.getTime() - new Date(row.receivedAt).getTime() > ABANDONED_AFTER_MS
    );
  }

  private claimOf(row: DeliveryRow): DeliveryClaim {
    if (row.state !== DELIVERY_STATE.ANSWERED) {
      return { kind: 'in-progress' };
    }
    return {
      kind: 'answered',
      response: { statusCode: row.statusCode, headers: row.headers ?? [], body: row.body?.value },
    };
  }
}

import { get, isEqual } from 'lodash';
import type { WebhookEventContext } from './WebhookTrigger';

import { CONDITION_OPERATORS, CONDITION_SOURCES } from '../../common/webhookConfig';

/** A test on one value of the request, made before anything runs. */
export interface RequestCondition {
  source: (typeof CONDITION_SOURCES)[number];
  /** A path into the source (`data.object.type`); for headers, the header's name. */
  key: string;
  operator: (typeof CONDITION_OPERATORS)[number];
  /** What `equals` compares with, or the list `in` looks in. */
  value?: unknown;
}

function valueAt(event: WebhookEventContext, condition: RequestCondition): unknown {
  if (condition.source === 'headers') {
    return event.headers[condition.key.toLowerCase()];
  }
  return get(event[condition.source], condition.key);
}

const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/**
 * Scalars that read the same are equal, whichever side is text: a query's `?n=1` equals 1, and a JSON
 * body's `"amount": 42` equals the "42" the canvas saves.
 */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (isEqual(actual, expected)) {
    return true;
  }
  return isScalar(actual) && isScalar(expected) && String(actual) === String(expected);
}

/** Whether a request passes every condition of its trigger (no conditions: it does). */
export function matchesConditions(event: WebhookEventContext, conditions: RequestCondition[] = []): boolean {
  return conditions.every((condition) => {
    const actual = valueAt(event, condition);
    switch (condition.operator) {
      case 'exists':
        return actual !== undefined && actual !== null;
      case 'equals':
        return sameValue(actual, condition.value);
      case 'in':
        return Array.isArray(condition.value) && condition.value.some((candidate) => sameValue(actual, candidate));
    }
  });
}

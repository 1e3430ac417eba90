import type { ICollection } from '@nocobase/data-source-manager';
import { isPlainObject } from 'lodash';

/**
 * A record as a workflow may see and store it: without the fields its collection hides (a user's
 * password), whether it is the signed-in user or the values a request submits.
 */
export function withoutHiddenFields(record: unknown, collection: ICollection | null | undefined): unknown {
  if (Array.isArray(record)) {
    return record.map((item) => withoutHiddenFields(item, collection));
  }
  if (!collection || !isPlainObject(record)) {
    return record;
  }
  const visible: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const field of collection.getFields()) {
    if (field.options.hidden) {
      delete visible[field.options.name];
    }
  }
  return visible;
}

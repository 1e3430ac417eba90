import { parseCollectionName } from '@nocobase/data-source-manager';

/** One spelling per collection: `main:posts` for `posts`, `other:posts` for `other:posts`. */
export function collectionKey(dataSourceKey: string, collectionName: string): string {
  return `${dataSourceKey}:${collectionName}`;
}

/** The key of the collection a trigger config names (`posts` means the main data source). */
export function configuredCollectionKey(collection: string): string {
  const [dataSourceKey, collectionName] = parseCollectionName(collection);
  return collectionKey(dataSourceKey, collectionName);
}

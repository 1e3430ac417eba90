import { defineCollection } from '@nocobase/database';
import { INBOX_COLLECTION, INBOX_STATUS } from '../webhook/WebhookInbox';

/**
 * Requests to asynchronous webhooks, written before they are acknowledged and dispatched from here,
 * so that an acknowledged request runs exactly once even if the process dies right after answering.
 */
export default defineCollection({
  name: INBOX_COLLECTION,
  dumpRules: { group: 'log' },
  migrationRules: ['schema-only'],
  createdAt: false,
  updatedAt: false,
  fields: [
    { type: 'bigInt', name: 'workflowId', allowNull: false },
    { type: 'string', name: 'workflowKey', allowNull: false },
    { type: 'date', name: 'receivedAt', allowNull: false, defaultValue: () => new Date() },
    { type: 'json', name: 'headers', defaultValue: {} },
    { type: 'json', name: 'query', defaultValue: {} },
    { type: 'json', name: 'body' },
    { type: 'boolean', name: 'verified' },
    { type: 'text', name: 'rawBody' },
    { type: 'bigInt', name: 'replayOf' },
    { type: 'integer', name: 'statusCode' },
    { type: 'string', name: 'status', allowNull: false, defaultValue: INBOX_STATUS.RECEIVED },
    { type: 'bigInt', name: 'executionId' },
    { type: 'string', name: 'error' },
  ],
  indexes: [{ fields: ['status', 'id'] }, { fields: ['receivedAt'] }, { fields: ['workflowKey', 'id'] }],
});

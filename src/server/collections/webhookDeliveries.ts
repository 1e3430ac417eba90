import { defineCollection } from '@nocobase/database';
import { DELIVERIES_COLLECTION, DELIVERY_STATE } from '../webhook/DeliveryLog';

/**
 * Delivery ids webhooks have accepted, with the answer each got, so that a sender's retry of the same
 * delivery inside the window gets that answer again and runs nothing.
 */
export default defineCollection({
  name: DELIVERIES_COLLECTION,
  dumpRules: { group: 'log' },
  migrationRules: ['schema-only'],
  createdAt: false,
  updatedAt: false,
  fields: [
    { type: 'string', name: 'workflowKey', allowNull: false },
    { type: 'string', name: 'deliveryId', allowNull: false },
    { type: 'date', name: 'receivedAt', allowNull: false },
    { type: 'date', name: 'expiresAt', allowNull: false },
    { type: 'string', name: 'state', allowNull: false, defaultValue: DELIVERY_STATE.PROCESSING },
    { type: 'integer', name: 'statusCode' },
    { type: 'json', name: 'headers' },
    { type: 'json', name: 'body' },
  ],
  indexes: [{ fields: ['workflowKey', 'deliveryId'], unique: true }, { fields: ['expiresAt'] }],
});

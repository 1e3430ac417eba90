// @ts-check
'use strict';

const ROOT_EMAIL = process.env.INIT_ROOT_EMAIL || 'admin@nocobase.com';
const ROOT_PASSWORD = process.env.INIT_ROOT_PASSWORD || 'admin123';

/** What the bench sets up in an app, through the same HTTP API the workflow canvas uses. */
class NocoBaseApi {
  /**
   * @param {string} baseUrl
   * @param {string} token
   */
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** @param {string} baseUrl */
  static async signIn(baseUrl) {
    const answer = await fetch(`${baseUrl}/api/auth:signIn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Authenticator': 'basic' },
      body: JSON.stringify({ account: ROOT_EMAIL, password: ROOT_PASSWORD }),
    });
    const { data } = /** @type {{ data: { token: string } }} */ (await answer.json());
    return new NocoBaseApi(baseUrl, data.token);
  }

  /**
   * @param {string} resource
   * @param {unknown} [body]
   * @returns {Promise<{ data: unknown, meta?: { count: number } }>}
   */
  async call(resource, body) {
    const answer = await fetch(`${this.baseUrl}/api/${resource}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) {
      throw new Error(`${resource} answered ${answer.status}: ${text.slice(0, 300)}`);
    }
    return JSON.parse(text);
  }

  /** @param {string} name */
  async createCollection(name) {
    await this.call('collections:create', {
      name,
      fields: [
        { name: 'title', type: 'string', interface: 'input' },
        { name: 'amount', type: 'integer', interface: 'integer' },
        { name: 'note', type: 'string', interface: 'input' },
      ],
    });
  }

  /**
   * @param {Record<string, unknown>} values
   * @returns {Promise<{ id: number, key: string }>}
   */
  async createWorkflow(values) {
    return /** @type {{ id: number, key: string }} */ ((await this.call('workflows:create', values)).data);
  }

  /**
   * @param {number} workflowId
   * @param {{ type: string, config: unknown, upstreamId?: number }} node
   * @returns {Promise<{ id: number }>}
   */
  async addNode(workflowId, node) {
    return /** @type {{ id: number }} */ ((await this.call(`workflows/${workflowId}/nodes:create`, node)).data);
  }

  /** @param {number} workflowId @param {boolean} enabled */
  async setEnabled(workflowId, enabled) {
    await this.call(`workflows:update?filterByTk=${workflowId}`, { enabled });
  }

  /**
   * @param {number} workflowId
   * @param {Record<string, unknown>} [filter] more conditions, e.g. `{ status: 1 }`
   * @returns {Promise<number>}
   */
  async countExecutions(workflowId, filter = {}) {
    const query = encodeURIComponent(JSON.stringify({ workflowId, ...filter }));
    return (await this.call(`executions:list?filter=${query}&pageSize=1`)).meta?.count ?? 0;
  }

  /** @param {string} workflowKey @returns {Promise<number>} */
  async countInboxRows(workflowKey) {
    return (await this.call(`webhookInbox:list?filter[workflowKey]=${workflowKey}&pageSize=1`)).meta?.count ?? 0;
  }
}

module.exports = { NocoBaseApi };

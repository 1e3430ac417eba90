// @ts-check
'use strict';

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Makes every SQLite connection wait up to 10 s for the write lock instead of failing with
 * SQLITE_BUSY, and puts the file in WAL mode (readers go on while one connection writes; a commit
 * appends to the log instead of rewriting pages and journal). Sequelize 6 opens a connection per
 * transaction on SQLite and runs no `afterConnect` hook there, so its connection manager is wrapped.
 *
 * @param {import('@nocobase/database').Database} db
 */
function configureSqliteConnections(db) {
  if (db.options.dialect !== 'sqlite') {
    return;
  }
  /** @type {{ getConnection(options?: object): Promise<SqliteConnection> }} */
  const manager = /** @type {never} */ (db.sequelize.connectionManager);
  const getConnection = manager.getConnection.bind(manager);
  /** @type {WeakSet<SqliteConnection>} */
  const configured = new WeakSet();
  /** @type {Promise<void> | null} */
  let walMode = null;
  manager.getConnection = async (options) => {
    const connection = await getConnection(options);
    if (!configured.has(connection)) {
      configured.add(connection);
      connection.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
      walMode ??= new Promise((resolve, reject) =>
        connection.run('PRAGMA journal_mode = WAL', (/** @type {Error | null} */ error) =>
          error ? reject(error) : resolve(),
        ),
      );
      await walMode;
    }
    return connection;
  };
}

/** @typedef {{ configure(option: 'busyTimeout', ms: number): void, run(sql: string, callback: (error: Error | null) => void): void }} SqliteConnection */

module.exports = { configureSqliteConnections };

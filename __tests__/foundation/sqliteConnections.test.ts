import { Database } from '@nocobase/database';
import { createSqliteDatabase } from '../../scripts/lib/scratchDatabase';
import { configureSqliteConnections } from '../../scripts/lib/sqliteConnections';

/** A real SQLite database as the demo app, the tests and the benchmarks configure it, whatever DB_DIALECT says. */
async function withDemoSqlite(check: (db: Database) => Promise<void>) {
  const scratch = createSqliteDatabase();
  const db = new Database(scratch.options);
  configureSqliteConnections(db);
  try {
    await db.sequelize.authenticate();
    await check(db);
  } finally {
    await db.close();
    await scratch.drop();
  }
}

async function pragma(db: Database, name: string, transaction?: unknown): Promise<unknown> {
  const [rows] = await db.sequelize.query(`PRAGMA ${name}`, { transaction } as never);
  return Object.values((rows as unknown as Record<string, unknown>[])[0])[0];
}

describe('the demo app makes SQLite writers wait for the lock instead of failing', () => {
  it('puts the database file in WAL mode', async () => {
    await withDemoSqlite(async (db) => {
      expect(await pragma(db, 'journal_mode')).toBe('wal');
    });
  });

  it('gives the connection of every transaction a 10 s busy timeout', async () => {
    await withDemoSqlite(async (db) => {
      expect(await pragma(db, 'busy_timeout')).toBe(10_000);
      await db.sequelize.transaction(async (transaction) => {
        expect(await pragma(db, 'busy_timeout', transaction)).toBe(10_000);
      });
    });
  });
});

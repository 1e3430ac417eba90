import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IDatabaseOptions } from '@nocobase/database';
import mysql from 'mysql2/promise';
import { Client } from 'pg';

export interface TestDatabase {
  /** Options for NocoBase's Database, pointing at a database no other test uses. */
  options: IDatabaseOptions;
  /** The same, as the DB_* variables a child process (the demo launcher) reads. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

type ServerDialect = 'postgres' | 'mysql' | 'mariadb';

interface ServerConnection {
  host: string;
  port: string;
  user: string;
  password: string;
  adminDatabase: string;
}

function uniqueName() {
  return `hf_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

function serverConnection(dialect: ServerDialect): ServerConnection {
  const defaults = dialect === 'postgres' ? { port: '5432', user: 'postgres' } : { port: '3306', user: 'root' };
  return {
    host: process.env.DB_HOST || '127.0.0.1',
    port: process.env.DB_PORT || defaults.port,
    user: process.env.DB_USER || defaults.user,
    password: process.env.DB_PASSWORD || '',
    adminDatabase: process.env.DB_DATABASE || 'test',
  };
}

/** Runs one administrative statement (CREATE / DROP DATABASE) on the server. */
async function runAdminStatement(dialect: ServerDialect, server: ServerConnection, sql: string) {
  if (dialect === 'postgres') {
    const client = new Client({
      host: server.host,
      port: Number(server.port),
      user: server.user,
      password: server.password,
      database: server.adminDatabase,
    });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    return;
  }
  const connection = await mysql.createConnection({
    host: server.host,
    port: Number(server.port),
    user: server.user,
    password: server.password,
  });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

const STATEMENTS: Record<ServerDialect, { create(name: string): string; drop(name: string): string }> = {
  postgres: {
    create: (name) => `CREATE DATABASE "${name}"`,
    drop: (name) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
  },
  mysql: {
    create: (name) => `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    drop: (name) => `DROP DATABASE IF EXISTS \`${name}\``,
  },
  mariadb: {
    create: (name) => `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    drop: (name) => `DROP DATABASE IF EXISTS \`${name}\``,
  },
};

async function createServerDatabase(dialect: ServerDialect): Promise<TestDatabase> {
  const server = serverConnection(dialect);
  const name = uniqueName();
  await runAdminStatement(dialect, server, STATEMENTS[dialect].create(name));
  return {
    options: {
      dialect,
      host: server.host,
      port: Number(server.port),
      username: server.user,
      password: server.password,
      database: name,
      logging: false,
    },
    env: {
      DB_DIALECT: dialect,
      DB_HOST: server.host,
      DB_PORT: server.port,
      DB_USER: server.user,
      DB_PASSWORD: server.password,
      DB_DATABASE: name,
    },
    drop: () => runAdminStatement(dialect, server, STATEMENTS[dialect].drop(name)),
  };
}

function createSqliteDatabase(): TestDatabase {
  const dir = path.join(os.tmpdir(), 'hookflow-tests');
  fs.mkdirSync(dir, { recursive: true });
  const storage = path.join(dir, `${uniqueName()}.sqlite`);
  return {
    options: { dialect: 'sqlite', storage, logging: false },
    env: { DB_DIALECT: 'sqlite', DB_STORAGE: storage },
    async drop() {
      for (const file of [storage, `${storage}-wal`, `${storage}-shm`, `${storage}-journal`]) {
        fs.rmSync(file, { force: true });
      }
    },
  };
}

/** A fresh, empty database on the server the DB_* variables name (a temporary SQLite file by default). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dialect = process.env.DB_DIALECT || 'sqlite';
  if (dialect === 'sqlite') {
    return createSqliteDatabase();
  }
  if (dialect === 'postgres' || dialect === 'mysql' || dialect === 'mariadb') {
    return createServerDatabase(dialect);
  }
  throw new Error(`DB_DIALECT "${dialect}" is not supported by the test harness`);
}

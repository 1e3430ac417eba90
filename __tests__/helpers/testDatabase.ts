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

type Dialect = 'sqlite' | 'postgres' | 'mysql' | 'mariadb';

function dialectFromEnv(): Dialect {
  const dialect = process.env.DB_DIALECT || 'sqlite';
  if (dialect === 'sqlite' || dialect === 'postgres' || dialect === 'mysql' || dialect === 'mariadb') {
    return dialect;
  }
  throw new Error(`DB_DIALECT "${dialect}" is not supported by the test harness`);
}

function uniqueName() {
  return `hf_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

function serverConnection(dialect: Dialect) {
  const defaults = dialect === 'postgres' ? { port: '5432', user: 'postgres' } : { port: '3306', user: 'root' };
  return {
    host: process.env.DB_HOST || '127.0.0.1',
    port: process.env.DB_PORT || defaults.port,
    user: process.env.DB_USER || defaults.user,
    password: process.env.DB_PASSWORD || '',
    adminDatabase: process.env.DB_DATABASE || 'test',
  };
}

async function createSqliteDatabase(): Promise<TestDatabase> {
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

async function createPostgresDatabase(): Promise<TestDatabase> {
  const server = serverConnection('postgres');
  const name = uniqueName();
  const admin = () =>
    new Client({
      host: server.host,
      port: Number(server.port),
      user: server.user,
      password: server.password,
      database: server.adminDatabase,
    });
  const client = admin();
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return {
    options: {
      dialect: 'postgres',
      host: server.host,
      port: Number(server.port),
      username: server.user,
      password: server.password,
      database: name,
      logging: false,
    },
    env: {
      DB_DIALECT: 'postgres',
      DB_HOST: server.host,
      DB_PORT: server.port,
      DB_USER: server.user,
      DB_PASSWORD: server.password,
      DB_DATABASE: name,
    },
    async drop() {
      const dropper = admin();
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

async function createMysqlDatabase(dialect: 'mysql' | 'mariadb'): Promise<TestDatabase> {
  const server = serverConnection(dialect);
  const name = uniqueName();
  const connect = () =>
    mysql.createConnection({
      host: server.host,
      port: Number(server.port),
      user: server.user,
      password: server.password,
    });
  const connection = await connect();
  try {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
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
    async drop() {
      const dropper = await connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** A fresh, empty database on the server the DB_* variables name (a temporary SQLite file by default). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dialect = dialectFromEnv();
  switch (dialect) {
    case 'sqlite':
      return createSqliteDatabase();
    case 'postgres':
      return createPostgresDatabase();
    case 'mysql':
    case 'mariadb':
      return createMysqlDatabase(dialect);
  }
}

// @ts-check
'use strict';

const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * @typedef {object} ScratchDatabase
 * @property {import('@nocobase/database').IDatabaseOptions} options NocoBase's Database options, pointing at a database nothing else uses
 * @property {Record<string, string>} env the same, as the DB_* variables a child process (the demo launcher) reads
 * @property {() => Promise<void>} drop
 */

/** @typedef {'postgres' | 'mysql' | 'mariadb'} ServerDialect */
/** @typedef {{ host: string, port: string, user: string, password: string, adminDatabase: string }} ServerConnection */

function uniqueName() {
  return `hf_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/**
 * @param {ServerDialect} dialect
 * @returns {ServerConnection}
 */
function serverConnection(dialect) {
  const defaults = dialect === 'postgres' ? { port: '5432', user: 'postgres' } : { port: '3306', user: 'root' };
  return {
    host: process.env.DB_HOST || '127.0.0.1',
    port: process.env.DB_PORT || defaults.port,
    user: process.env.DB_USER || defaults.user,
    password: process.env.DB_PASSWORD || '',
    adminDatabase: process.env.DB_DATABASE || 'test',
  };
}

/**
 * Runs one administrative statement (CREATE / DROP DATABASE) on the server.
 *
 * @param {ServerDialect} dialect
 * @param {ServerConnection} server
 * @param {string} sql
 */
async function runAdminStatement(dialect, server, sql) {
  if (dialect === 'postgres') {
    const { Client } = require('pg');
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
  const mysql = require('mysql2/promise');
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

/** @param {string} name */
const createMysqlLike = (name) => `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;
/** @param {string} name */
const dropMysqlLike = (name) => `DROP DATABASE IF EXISTS \`${name}\``;

/** @type {Record<ServerDialect, { create(name: string): string, drop(name: string): string }>} */
const STATEMENTS = {
  postgres: {
    create: (name) => `CREATE DATABASE "${name}"`,
    drop: (name) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
  },
  mysql: { create: createMysqlLike, drop: dropMysqlLike },
  mariadb: { create: createMysqlLike, drop: dropMysqlLike },
};

/**
 * @param {ServerDialect} dialect
 * @returns {Promise<ScratchDatabase>}
 */
async function createServerDatabase(dialect) {
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

/** @returns {ScratchDatabase} */
function createSqliteDatabase() {
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

/**
 * A fresh, empty database on the server the DB_* variables name (a temporary SQLite file by default),
 * for a test or a benchmark run; `drop()` removes it.
 *
 * @returns {Promise<ScratchDatabase>}
 */
async function createScratchDatabase() {
  const dialect = process.env.DB_DIALECT || 'sqlite';
  if (dialect === 'sqlite') {
    return createSqliteDatabase();
  }
  if (dialect === 'postgres' || dialect === 'mysql' || dialect === 'mariadb') {
    return createServerDatabase(dialect);
  }
  throw new Error(`DB_DIALECT "${dialect}" is not supported`);
}

module.exports = { createScratchDatabase, createSqliteDatabase };

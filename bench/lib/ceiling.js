// @ts-check
'use strict';

/*
 * The ceiling: what this machine answers for a small JSON POST with no framework (node:http) and with
 * bare Koa and koa-bodyparser, in a process of its own. Ports come from argv.
 */
const http = require('node:http');
const Koa = require('koa');
const bodyParser = require('koa-bodyparser');

const [nodePort, koaPort] = process.argv.slice(2).map(Number);

const plain = http.createServer((request, response) => {
  /** @type {Buffer[]} */
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify({ data: body }));
  });
});

const koa = new Koa();
koa.use(bodyParser());
koa.use((ctx) => {
  ctx.body = { data: ctx.request.body };
});

plain.listen(nodePort, '127.0.0.1', () => {
  http.createServer(koa.callback()).listen(koaPort, '127.0.0.1', () => process.send?.({ ready: true }));
});

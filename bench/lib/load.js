// @ts-check
'use strict';

/*
 * The load generator, in a process of its own so that it does not share an event loop with what it
 * measures: runs autocannon with the options given as JSON in argv[2] and sends back a summary.
 */
const autocannon = require('autocannon');

/** @type {import('autocannon').Options} */
const options = JSON.parse(process.argv[2]);

autocannon(options, (error, result) => {
  if (error) {
    process.send?.({ error: String(error) });
    return;
  }
  process.send?.({
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    statusCodes: result.statusCodeStats,
  });
});

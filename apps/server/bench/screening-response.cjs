// autocannon `onResponse` (worker thread, CommonJS): appends the first non-201 responses to the
// file named by XQ_BENCH_ERRLOG, so the benchmark can say what they were.
/* eslint-disable @typescript-eslint/no-require-imports -- autocannon's worker thread require()s this file */
const { appendFileSync } = require('node:fs');

let logged = 0;

module.exports = function onResponse(status, body) {
  if (status === 201 || logged >= 20) return;
  logged++;
  appendFileSync(process.env.XQ_BENCH_ERRLOG, `${status} ${String(body).slice(0, 500)}\n`);
};

// autocannon `setupRequest` for POST /v1/screenings (loaded by autocannon's worker thread, hence
// CommonJS): rotates through the students of the plan file named by XQ_BENCH_PLAN, a fresh
// Idempotency-Key per request, ~10 % at-risk answers (7 % high scores, 3 % PHQ item 9 > 0 with
// an answered non-acute ASQ), the rest low.
/* eslint-disable @typescript-eslint/no-require-imports -- autocannon's worker thread require()s this file */
const { randomUUID } = require('node:crypto');
const { readFileSync } = require('node:fs');

const plan = JSON.parse(readFileSync(process.env.XQ_BENCH_PLAN, 'utf8'));
let n = 0;

module.exports = function setupRequest(req) {
  const i = n++;
  const r = Math.random();
  const body =
    r < 0.07
      ? plan.bodies.high
      : r < 0.1
        ? plan.bodies.item9Asq
        : plan.bodies.low[i % plan.bodies.low.length];
  return {
    ...req,
    method: 'POST',
    headers: {
      authorization: `Bearer ${plan.tokens[i % plan.tokens.length]}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body,
  };
};

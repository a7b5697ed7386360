#!/usr/bin/env node
// Benchmark: requests/s and p99 latency of embed-session creation and hotline listing, next to a
// bare Fastify route, in the same run, on PGlite and (when installed) PostgreSQL.
// Usage: pnpm --filter @xinqiao/server bench   (BENCH_SECONDS=10 BENCH_CONNECTIONS=10)
// Needs `pnpm --filter @xinqiao/server build` (and the testkit build for PostgreSQL).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { createSnapshot, demoUsers, openDatabase, seedDemo, startServer } from '../dist/index.js';
import { bareServer, cannon, connections, row, seconds } from './lib.mjs';

const secretKey = `sk_bench_${randomUUID().replaceAll('-', '')}`;

async function benchServer(db, database) {
  let seed;
  const server = await startServer({
    database,
    demo: true,
    config: { rateLimitPerMinute: 100_000_000 },
    logger: false,
    jobs: false,
    beforeListen: async (app) => {
      seed = await seedDemo(app, { secretKey });
    },
  });
  const auth = { authorization: `Bearer ${secretKey}` };
  try {
    // an org unit to list hotlines for: the demo student's class
    const session = await fetch(`${server.url}/v1/embed-sessions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ user: { externalId: demoUsers.student } }),
    }).then((r) => r.json());
    const orgUnit = session.user.memberships[0].orgUnit;
    const results = [];
    results.push(
      row(
        'POST /v1/embed-sessions',
        db,
        await cannon({
          url: `${server.url}/v1/embed-sessions`,
          requests: [
            {
              method: 'POST',
              setupRequest: (req) => ({
                ...req,
                headers: {
                  ...auth,
                  'content-type': 'application/json',
                  'idempotency-key': randomUUID(),
                },
                body: JSON.stringify({ user: { externalId: demoUsers.class_teacher } }),
              }),
            },
          ],
        }),
      ),
    );
    results.push(
      row(
        'GET /v1/hotlines',
        db,
        await cannon({
          url: `${server.url}/v1/hotlines?orgUnit=${orgUnit}`,
          headers: { authorization: `Bearer ${session.token}` },
        }),
      ),
    );
    void seed;
    return results;
  } finally {
    await server.close();
    await database.close();
  }
}

async function benchBare() {
  const bare = await bareServer((app) => app.get('/bare', async () => ({ ok: true })));
  try {
    return row('GET /bare (plain Fastify)', '—', await cannon({ url: `${bare.url}/bare` }));
  } finally {
    await bare.close();
  }
}

const results = [await benchBare()];

const dir = mkdtempSync(join(tmpdir(), 'xq-bench-'));
try {
  const snapshot = await createSnapshot(join(dir, 'snap.tar.gz'));
  results.push(...(await benchServer('PGlite', await openDatabase({ kind: 'pglite', snapshot }))));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

let pg;
try {
  const { startPostgres } = await import('../../../packages/testkit/dist/postgres.js');
  pg = await startPostgres({ database: 'bench' });
} catch (e) {
  console.warn(`PostgreSQL run skipped: ${e.message}`);
}
if (pg) {
  try {
    results.push(
      ...(await benchServer('PostgreSQL', await openDatabase({ kind: 'postgres', url: pg.url }))),
    );
  } finally {
    await pg.stop();
  }
}

console.log(
  `\n${cpus().length} cores, ${connections} connections, ${seconds} s per route, load generator in the same process\n`,
);
console.log('| route | database | requests/s | p99 (ms) | errors |');
console.log('|---|---|---:|---:|---:|');
for (const r of results) console.log(`| ${r.name} | ${r.db} | ${r.rps} | ${r.p99} | ${r.errors} |`);

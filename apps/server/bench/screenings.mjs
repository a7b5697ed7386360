#!/usr/bin/env node
// Benchmark (issue #5): scored, durable screening submissions (POST /v1/screenings: PHQ-9 +
// GAD-7, ~10 % at-risk) per second and p50/p99, next to a bare Fastify route, on PGlite (on disk)
// and PostgreSQL (fsync on, synchronous_commit on); in the same run the databases' own limits
// (pgbench single-row INSERTs on the same cluster, raw PGlite autocommit INSERTs), p99 at a fixed
// offered rate, and critical submission → `alert.created` webhook latency under that load.
// Usage: pnpm --filter @xinqiao/server bench   (after `pnpm --filter @xinqiao/server... build`)
// Knobs: BENCH_SECONDS (10), BENCH_CONNECTIONS (10), BENCH_RATE (500), BENCH_STUDENTS (400),
// BENCH_CRITICAL_RATE (2 per s), BENCH_WARMUP (3 s), BENCH_ONLY (pglite | postgres); diagnostics:
// BENCH_TRACE=1 (PGlite time per statement), BENCH_PROFILE=<dir> (CPU profile of each max run,
// summarized by `node bench/cpu-top.mjs <file>`). Figures and their reading: BENCHMARKS.md.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  createApiKey,
  createSnapshot,
  createTenant,
  openDatabase,
  startServer,
} from '../dist/index.js';
import {
  bareServer,
  cannon,
  clusterCpuMs,
  connections,
  loadSampler,
  machineLine,
  pgbench,
  seconds,
  startDurablePostgres,
  table,
  threadCpuMs,
} from './lib.mjs';

const rate = Number(process.env.BENCH_RATE ?? 500);
const loadStudents = Number(process.env.BENCH_STUDENTS ?? 400);
const criticalRate = Number(process.env.BENCH_CRITICAL_RATE ?? 2);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const only = process.env.BENCH_ONLY;
const criticalStudents = Math.ceil(criticalRate * seconds) + 5;

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const requestModule = here('./screening-request.cjs');
const responseModule = here('./screening-response.cjs');

const dir = mkdtempSync(join(tmpdir(), 'xq-bench-scr-'));
const errLog = join(dir, 'non-201.log');
process.env.XQ_BENCH_ERRLOG = errLog;
writeFileSync(errLog, '');

// ---------------------------------------------------------------- answers

const items = (v) => Object.fromEntries(v.map((x, i) => [`q${i + 1}`, x]));
const gadLow = [0, 1, 0, 0, 1, 0, 0];
const bodies = (campaignId) => {
  const body = (responses) => JSON.stringify({ campaignId, responses });
  // Low: PHQ-9 and GAD-7 totals under 5 (tier none), item 9 always 0.
  const low = Array.from({ length: 16 }, (_, k) =>
    body([
      {
        instrumentId: 'phq-9',
        answers: items([0, 1, 0, 1, 0, 0, 1, 0, 0].map((x, i) => (i === k % 8 ? 1 - x : x))),
      },
      { instrumentId: 'gad-7', answers: items(gadLow.map((x, i) => (i === k % 7 ? 1 - x : x))) },
    ]),
  );
  return {
    low,
    // High scores: PHQ-9 16, GAD-7 14 (both ≥ 11), item 9 = 0.
    high: body([
      { instrumentId: 'phq-9', answers: items([2, 2, 2, 2, 2, 2, 2, 2, 0]) },
      { instrumentId: 'gad-7', answers: items([2, 2, 2, 2, 2, 2, 2]) },
    ]),
    // PHQ item 9 > 0 with the ASQ the adaptive rule inserts, non-acute positive (high).
    item9Asq: body([
      { instrumentId: 'phq-9', answers: items([1, 1, 0, 1, 0, 0, 0, 0, 1]) },
      { instrumentId: 'gad-7', answers: items(gadLow) },
      { instrumentId: 'asq', answers: { q1: 'yes', q2: 'no', q3: 'no', q4: 'no', q5: 'no' } },
    ]),
    // ASQ acute positive (critical): for the webhook-latency students only.
    critical: body([
      { instrumentId: 'phq-9', answers: items([1, 1, 1, 1, 0, 0, 0, 0, 2]) },
      { instrumentId: 'gad-7', answers: items(gadLow) },
      { instrumentId: 'asq', answers: { q1: 'yes', q2: 'yes', q3: 'no', q4: 'no', q5: 'yes' } },
    ]),
  };
};

// ---------------------------------------------------------------- roster

const regions = {
  regions: [
    { externalId: 'r-p', kind: 'province', name: '江西省' },
    { externalId: 'r-c', kind: 'city', name: '宜春市', parent: 'r-p' },
  ],
  schools: [{ externalId: 'sch-1', name: '基准中学', region: 'r-c' }],
};

/** High-school students (born 2008–2010: 15–18 on the run date, PHQ-9 suitable, no guardian consent needed). */
function benchRoster() {
  const grades = [10, 11, 12].map((g) => ({ externalId: `g${g}`, name: `高${g - 9}` }));
  const ids = [
    ...Array.from({ length: loadStudents }, (_, i) => `stu-${i}`),
    ...Array.from({ length: criticalStudents }, (_, i) => `crit-${i}`),
  ];
  const nClasses = Math.ceil(ids.length / 40);
  const classes = Array.from({ length: nClasses }, (_, c) => ({
    externalId: `c${c}`,
    grade: grades[c % 3].externalId,
    name: `${c}班`,
  }));
  const students = ids.map((externalId, i) => {
    const c = i % nClasses;
    return {
      externalId,
      birthMonth: `${2010 - (c % 3)}-${String((i % 10) + 1).padStart(2, '0')}`,
      class: `c${c}`,
    };
  });
  const staff = [
    ...classes.map((c) => ({
      externalId: `tea-${c.externalId}`,
      memberships: [{ role: 'class_teacher', unit: { kind: 'class', externalId: c.externalId } }],
    })),
    ...grades.map((g) => ({
      externalId: `lead-${g.externalId}`,
      memberships: [{ role: 'grade_leader', unit: { kind: 'grade', externalId: g.externalId } }],
    })),
    { externalId: 'cou-1', memberships: [{ role: 'counsellor', unit: { kind: 'school' } }] },
    { externalId: 'adm-1', memberships: [{ role: 'school_admin', unit: { kind: 'school' } }] },
  ];
  return {
    academicYear: '2026-2027',
    grades,
    classes,
    students,
    guardians: [],
    staff,
    schoolHours: { days: [1, 2, 3, 4, 5], open: '07:30', close: '17:30' },
    onCall: 'cou-1',
  };
}

// ---------------------------------------------------------------- helpers

async function call(base, method, path, { auth, body, expect = [200, 201] } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!expect.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function parallel(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t00 = performance.now();
const progress = (msg) =>
  console.warn(`[${((performance.now() - t00) / 1000).toFixed(1)} s] ${msg}`);

/**
 * Counts statements and commits the server sends (both drivers), to give queries and commits
 * per submission. A commit is a COMMIT or a write statement outside a transaction (a read-only
 * `WITH` is not one).
 */
const counter = { on: false, statements: 0, commits: 0, screenings: 0 };
/** A `WITH` statement commits only when it writes (the unit-chain and class reads do not). */
const writingCte = (head, text) =>
  head.startsWith('with') &&
  /\binsert\s+into\b|\bdelete\s+from\b|\bupdate\s+"?\w+"?(\s+as\s+\w+)?\s+set\b/i.test(text);
function countStatement(state, text) {
  if (!counter.on || typeof text !== 'string') return;
  counter.statements++;
  if (text.startsWith('insert into "screenings"')) counter.screenings++;
  const head = text.trimStart().slice(0, 8).toLowerCase();
  if (head.startsWith('begin')) state.inTx = true;
  else if (head.startsWith('commit')) {
    state.inTx = false;
    counter.commits++;
  } else if (head.startsWith('rollback')) state.inTx = false;
  else if (!state.inTx && (/^(insert|update|delete)/.test(head) || writingCte(head, text)))
    counter.commits++;
}
const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  this.__xqState ??= { inTx: false };
  countStatement(this.__xqState, typeof config === 'string' ? config : config?.text);
  return pgQuery.call(this, config, ...rest);
};
/** BENCH_PROFILE=<dir>: a CPU profile of the server's thread during each max-throughput run. */
async function profiled(label, fn) {
  const to = process.env.BENCH_PROFILE;
  if (!to) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    const file = join(to, `screenings-${label}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.warn(`CPU profile: ${file} (summary: node bench/cpu-top.mjs ${file})`);
    session.disconnect();
  }
}

/** BENCH_TRACE=1: time spent inside PGlite per statement text (mutex waits excluded). */
const trace = process.env.BENCH_TRACE === '1' ? new Map() : null;
function countPglite(instance) {
  const state = { inTx: false };
  const query = instance.query.bind(instance);
  instance.query = async (text, ...rest) => {
    countStatement(state, text);
    if (!trace || !counter.on) return query(text, ...rest);
    const t0 = performance.now();
    try {
      return await query(text, ...rest);
    } finally {
      const key = text.replace(/\s+/g, ' ').slice(0, 140);
      const e = trace.get(key) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += performance.now() - t0;
      trace.set(key, e);
    }
  };
}

/** The tenant's webhook receiver: verifies `Xinqiao-Signature` and notes each event's arrival. */
async function startReceiver() {
  const events = [];
  let secret = '';
  let badSignatures = 0;
  const srv = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['xinqiao-signature']));
      const expected = m && createHmac('sha256', secret).update(`${m[1]}.${body}`).digest();
      if (!m || !timingSafeEqual(expected, Buffer.from(m[2], 'hex'))) {
        badSignatures++;
        res.writeHead(401).end();
        return;
      }
      const event = JSON.parse(body);
      events.push({ at, type: event.type, alertId: event.data.alertId });
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${srv.address().port}/hooks`,
    events,
    setSecret: (s) => (secret = s),
    badSignatures: () => badSignatures,
    close: () => new Promise((r) => srv.close(r)),
  };
}

async function pendingWebhooks(database) {
  const r = await database.db
    .selectFrom('webhook_outbox')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('state', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Waits until the outbox has nothing pending; returns the seconds it took and the backlog. */
async function drainOutbox(database, limitMs = 180_000) {
  const started = performance.now();
  const backlog = await pendingWebhooks(database);
  while (performance.now() - started < limitMs) {
    if ((await pendingWebhooks(database)) === 0) break;
    await sleep(250);
  }
  return { backlog, seconds: (performance.now() - started) / 1000 };
}

const loadCannon = (url, extra = {}) =>
  cannon({
    url,
    workers: 1,
    requests: [{ method: 'POST', setupRequest: requestModule, onResponse: responseModule }],
    ...extra,
  });

function summarize(r) {
  const codes = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([c, s]) => [c, s.count]),
  );
  const created = codes['201'] ?? 0;
  const other = Object.entries(codes)
    .filter(([c]) => c !== '201')
    .map(([c, n]) => `${n}×${c}`);
  if (r.errors) other.push(`${r.errors} socket errors`);
  if (r.timeouts) other.push(`${r.timeouts} timeouts`);
  return {
    perSecond: created / r.duration,
    created,
    p50: r.latency.p50,
    p99: r.latency.p99,
    other: other.join(', ') || '0',
  };
}

// ---------------------------------------------------------------- database limits

async function rawPgliteRate() {
  const pglite = await PGlite.create({ dataDir: join(dir, 'raw-pglite') });
  try {
    await pglite.query(
      'CREATE TABLE bench_rows (id bigserial PRIMARY KEY, v integer NOT NULL, at timestamptz NOT NULL DEFAULT now())',
    );
    let n = 0;
    let cpu0 = 0;
    // Warm-up (the WASM engine tiers up), then the measured loop.
    for (const until = performance.now() + 1000; performance.now() < until;)
      await pglite.query('INSERT INTO bench_rows (v) VALUES ($1)', [-1]);
    const started = performance.now();
    cpu0 = threadCpuMs();
    const until = started + seconds * 1000;
    while (performance.now() < until) {
      await pglite.query('INSERT INTO bench_rows (v) VALUES ($1)', [n++]);
    }
    return {
      perSecond: n / ((performance.now() - started) / 1000),
      cpuMs: (threadCpuMs() - cpu0) / n,
    };
  } finally {
    await pglite.close();
  }
}

async function pgbenchRate(pgInstance) {
  const cpu0 = clusterCpuMs(pgInstance.postmasterPid);
  const client = new pg.Client({ connectionString: pgInstance.url });
  await client.connect();
  await client.query(
    'CREATE TABLE bench_rows (id bigserial PRIMARY KEY, v integer NOT NULL, at timestamptz NOT NULL DEFAULT now())',
  );
  await client.end();
  const script = join(dir, 'insert.sql');
  writeFileSync(script, '\\set v random(1, 1000000)\nINSERT INTO bench_rows (v) VALUES (:v);\n');
  const r = await pgbench(pgInstance, { script, clients: connections, threads: 2, seconds });
  const rows = r.tps * seconds;
  return { ...r, cpuMs: (clusterCpuMs(pgInstance.postmasterPid) - cpu0) / rows };
}

// ---------------------------------------------------------------- the server

/**
 * Requests the server is still working on. When a load run ends, autocannon drops the requests
 * it has in flight; their handlers go on, and closing the database under them made each fail with
 * a 500 ("driver has already been destroyed": the 500s logged at the end of the 2026-11-25 run).
 * A request counts from onRequest until its onSend hooks ran (the idempotency record is written
 * there; onResponse never fires once the client has gone). One dropped before its body was parsed
 * never reaches a handler: it stops counting when aborted, unless it reaches preValidation.
 */
function inFlight() {
  const open = new Set();
  const dropped = new WeakSet();
  const parsed = new WeakSet();
  return {
    install(app) {
      app.addHook('onRequest', async (request) => {
        if (!dropped.has(request)) open.add(request);
      });
      app.addHook('onRequestAbort', async (request) => {
        dropped.add(request);
        if (!parsed.has(request)) open.delete(request);
      });
      app.addHook('preValidation', async (request) => {
        parsed.add(request);
        open.add(request);
      });
      app.addHook('onSend', async (request, _reply, payload) => {
        open.delete(request);
        return payload;
      });
      app.addHook('onResponse', async (request) => {
        open.delete(request);
      });
    },
    /** Waits until nothing is in flight; returns how many were left after `limitMs`. */
    async drain(limitMs = 30_000) {
      const until = performance.now() + limitMs;
      while (open.size && performance.now() < until) await sleep(20);
      return open.size;
    },
  };
}

async function benchScreenings(label, database, postmasterPid) {
  const receiver = await startReceiver();
  const requests = inFlight();
  const server = await startServer({
    database,
    beforeListen: async (app) => requests.install(app),
    demo: true, // allows the loopback webhook receiver
    config: { rateLimitPerMinute: 100_000_000 },
    logger: { level: 'error', stream: process.stderr },
    jobs: true,
  });
  try {
    const now = new Date();
    const tenant = await createTenant(database.db, { name: `bench ${label}` }, now);
    const { secret } = await createApiKey(database.db, tenant.id, 'bench', now);
    const base = server.url;
    await call(base, 'PATCH', '/v1/tenant', { auth: secret, body: { webhookUrl: receiver.url } });
    receiver.setSecret(
      (await call(base, 'POST', '/v1/tenant/webhook-secret', { auth: secret })).secret,
    );
    progress(`${label}: server up, seeding`);
    const reg = await call(base, 'PUT', '/v1/regions', { auth: secret, body: regions });
    const schoolId = reg.schools[0].id;
    const roster = benchRoster();
    await call(base, 'PUT', `/v1/schools/${schoolId}/roster`, { auth: secret, body: roster });
    const campaign = await call(base, 'POST', '/v1/campaigns', {
      auth: secret,
      body: {
        name: '基准筛查',
        schoolId,
        opensAt: new Date(now.getTime() - 3600_000).toISOString(),
        closesAt: new Date(now.getTime() + 30 * 86400_000).toISOString(),
        instruments: ['phq-9', 'gad-7'],
        acknowledgeUnvalidatedTranslations: ['phq-9', 'gad-7', 'asq'],
        allowRetakes: true,
      },
    });
    progress(`${label}: roster and campaign stored; embed tokens and consents`);
    // One embed token per student (1 h, the maximum), then the health-data consent each needs
    // (all are 14 or older: no guardian consent, see missingConsents in pipeline/campaigns.ts).
    const sessions = await parallel(roster.students, 4, (s) =>
      call(base, 'POST', '/v1/embed-sessions', {
        auth: secret,
        body: { user: { externalId: s.externalId }, ttlSeconds: 3600 },
      }),
    );
    await parallel(sessions, 4, (s) =>
      call(base, 'POST', '/v1/consents', {
        auth: secret,
        body: { studentId: s.user.id, kind: 'health_data', granted: true },
      }),
    );
    const load = sessions.slice(0, loadStudents);
    const critical = sessions.slice(loadStudents);
    const b = bodies(campaign.id);
    const plan = join(dir, `plan-${label}.json`);
    writeFileSync(plan, JSON.stringify({ tokens: load.map((s) => s.token), bodies: b }));
    process.env.XQ_BENCH_PLAN = plan;
    // The form's path, once, before any load.
    const probe = await call(base, 'POST', '/v1/screenings', {
      auth: load[0].token,
      body: JSON.parse(b.high),
    });
    if (!probe.id) throw new Error(`unexpected screening receipt ${JSON.stringify(probe)}`);

    const url = `${base}/v1/screenings`;
    progress(`${label}: seeded; warm-up ${warmup} s`);
    if (warmup > 0) await loadCannon(url, { duration: warmup });
    await requests.drain();
    await drainOutbox(database);

    progress(`${label}: max-throughput run`);
    Object.assign(counter, { statements: 0, commits: 0, screenings: 0, on: true });
    const cpu0 = { node: threadCpuMs(), pg: postmasterPid ? clusterCpuMs(postmasterPid) : 0 };
    const max = summarize(await profiled(label, () => loadCannon(url)));
    const cpu1 = { node: threadCpuMs(), pg: postmasterPid ? clusterCpuMs(postmasterPid) : 0 };
    counter.on = false;
    await requests.drain();
    // Per stored screening (requests still in flight when the run stopped are counted too).
    const perSubmission = {
      statements: counter.statements / Math.max(1, counter.screenings),
      commits: counter.commits / Math.max(1, counter.screenings),
      nodeCpuMs: (cpu1.node - cpu0.node) / Math.max(1, counter.screenings),
      pgCpuMs: postmasterPid ? (cpu1.pg - cpu0.pg) / Math.max(1, counter.screenings) : null,
    };
    const drain = await drainOutbox(database);
    progress(`${label}: outbox drained (${drain.backlog} pending); ${rate}/s run with criticals`);

    // Fixed offered rate, with critical submissions from dedicated students alongside.
    const sent = [];
    let k = 0;
    const timer = setInterval(
      () => {
        if (criticalRate <= 0) return;
        const s = critical[k++];
        if (!s) return;
        const entry = { studentId: s.user.id, t0: performance.now(), t201: null, status: null };
        sent.push(entry);
        fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${s.token}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: b.critical,
        })
          .then(async (res) => {
            await res.arrayBuffer();
            entry.status = res.status;
            entry.t201 = performance.now();
          })
          .catch((e) => (entry.status = e.name));
      },
      1000 / Math.max(criticalRate, 0.1),
    );
    const fixed = summarize(await loadCannon(url, { overallRate: rate }));
    clearInterval(timer);
    await requests.drain();
    progress(`${label}: waiting for the critical submissions' webhooks`);
    // Every critical submission's alert.created, matched through the alert's student.
    const waitUntil = performance.now() + 60_000;
    let alertOf = new Map();
    while (performance.now() < waitUntil) {
      const ids = sent.map((x) => x.studentId);
      const rows = ids.length
        ? await database.db
            .selectFrom('alerts')
            .select(['id', 'student_id'])
            .where('tenant_id', '=', tenant.id)
            .where('student_id', 'in', ids)
            .execute()
        : [];
      alertOf = new Map(rows.map((r) => [r.student_id, r.id]));
      const arrived = new Set(
        receiver.events.filter((e) => e.type === 'alert.created').map((e) => e.alertId),
      );
      if (sent.every((x) => x.status !== null && arrived.has(alertOf.get(x.studentId)))) break;
      await sleep(250);
    }
    const arrivedAt = new Map(
      receiver.events.filter((e) => e.type === 'alert.created').map((e) => [e.alertId, e.at]),
    );
    const fromSend = [];
    const from201 = [];
    let missing = 0;
    for (const x of sent) {
      const at = arrivedAt.get(alertOf.get(x.studentId));
      if (x.status !== 201 || at === undefined) {
        missing++;
        continue;
      }
      fromSend.push(at - x.t0);
      from201.push(at - x.t201);
    }
    return {
      label,
      max,
      fixed,
      perSubmission,
      screenings: counter.screenings,
      drain,
      webhook: {
        sent: sent.length,
        missing,
        statuses: [...new Set(sent.map((x) => x.status))].join(','),
        p50: pct(from201, 50),
        p99: pct(from201, 99),
        max: Math.max(...from201),
        sendP50: pct(fromSend, 50),
        sendP99: pct(fromSend, 99),
        badSignatures: receiver.badSignatures(),
        delivered: receiver.events.length,
      },
    };
  } finally {
    const left = await requests.drain();
    if (left) console.warn(`${label}: closing with ${left} requests still in flight`);
    await server.close();
    await receiver.close();
  }
}

async function benchBarePost() {
  const bare = await bareServer((app) =>
    app.post('/bare', async (_req, reply) => reply.code(201).send({ ok: true })),
  );
  try {
    writeFileSync(
      join(dir, 'plan-bare.json'),
      JSON.stringify({ tokens: ['x'], bodies: bodies('cmp_0000000000000000') }),
    );
    process.env.XQ_BENCH_PLAN = join(dir, 'plan-bare.json');
    const cpu0 = threadCpuMs();
    const max = summarize(await loadCannon(`${bare.url}/bare`));
    max.nodeCpuMs = (threadCpuMs() - cpu0) / Math.max(1, max.created);
    const fixed = summarize(await loadCannon(`${bare.url}/bare`, { overallRate: rate }));
    return { max, fixed };
  } finally {
    await bare.close();
  }
}

// ---------------------------------------------------------------- run

const sampler = loadSampler();
const startedAt = new Date();
const out = { pglite: null, postgres: null, rawPglite: null, pgbench: null, pgSettings: null };
let bare;
try {
  progress('bare Fastify route');
  bare = await benchBarePost();
  if (only !== 'postgres') {
    progress('raw PGlite inserts');
    out.rawPglite = await rawPgliteRate();
    progress('snapshot and PGlite database');
    const snapshot = await createSnapshot(join(dir, 'snap.tar.gz'));
    const database = await openDatabase({
      kind: 'pglite',
      dataDir: join(dir, 'pglite'),
      snapshot,
    });
    countPglite(database.pglite);
    try {
      out.pglite = await benchScreenings('PGlite', database);
    } finally {
      await database.close();
    }
  }
  if (only !== 'pglite') {
    const pgInstance = await startDurablePostgres();
    if (pgInstance) {
      try {
        out.pgSettings = pgInstance.settings;
        progress('pgbench');
        out.pgbench = await pgbenchRate(pgInstance);
        const database = await openDatabase({ kind: 'postgres', url: pgInstance.url });
        try {
          out.postgres = await benchScreenings('PostgreSQL', database, pgInstance.postmasterPid);
        } finally {
          await database.close();
        }
      } finally {
        await pgInstance.stop();
      }
    }
  }
} finally {
  const load = sampler.stop();
  const errors = readFileSync(errLog, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  report(load, errors);
}

function report(load, errors) {
  const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
  const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
  const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '—');
  const rows = [];
  if (bare) {
    rows.push([
      'POST /bare (plain Fastify, same bodies)',
      '—',
      'max',
      f0(bare.max.perSecond),
      bare.max.p50,
      bare.max.p99,
      bare.max.other,
    ]);
    rows.push([
      'POST /bare (plain Fastify, same bodies)',
      '—',
      `${rate}/s offered`,
      f0(bare.fixed.perSecond),
      bare.fixed.p50,
      bare.fixed.p99,
      bare.fixed.other,
    ]);
  }
  for (const r of [out.pglite, out.postgres].filter(Boolean)) {
    rows.push([
      'POST /v1/screenings',
      r.label,
      'max',
      f0(r.max.perSecond),
      r.max.p50,
      r.max.p99,
      r.max.other,
    ]);
    rows.push([
      'POST /v1/screenings',
      r.label,
      `${rate}/s offered`,
      f0(r.fixed.perSecond),
      r.fixed.p50,
      r.fixed.p99,
      r.fixed.other,
    ]);
  }
  console.log(
    `\nScreening pipeline (issue #5), ${startedAt.toISOString()}: ${connections} connections, ${seconds} s per run, ` +
      `${loadStudents} students rotating, load generator in a worker thread of the server's process`,
  );
  console.log(machineLine());
  console.log(
    `1-min load average during the run: min ${f2(load.min)}, mean ${f2(load.mean)}, max ${f2(load.max)}\n`,
  );
  console.log(
    table(['route', 'database', 'load', '201/s:', 'p50 (ms):', 'p99 (ms):', 'not 201:'], rows),
  );
  console.log('\nDatabase limits (same run):\n');
  const limits = [];
  if (out.pgbench) {
    const s = out.postgres?.max.perSecond;
    limits.push([
      `pgbench, single-row INSERT, -c ${connections} -j 2 -n (${Object.entries(out.pgSettings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')})`,
      f0(out.pgbench.tps),
      `${f2(out.pgbench.cpuMs)} (PostgreSQL)`,
      s ? `${f2(s / out.pgbench.tps)} ×` : '—',
    ]);
  }
  if (out.rawPglite) {
    const s = out.pglite?.max.perSecond;
    limits.push([
      'raw PGlite, autocommit single-row INSERT, sequential awaits, on disk',
      f0(out.rawPglite.perSecond),
      `${f2(out.rawPglite.cpuMs)} (its thread)`,
      s ? `${f2(s / out.rawPglite.perSecond)} ×` : '—',
    ]);
  }
  console.log(table(['limit', 'rows/s:', 'CPU ms / row:', 'server 201/s ÷ limit:'], limits));
  console.log(
    '\nPer submission (max run; CPU from /proc, less sensitive to the shared cores than wall time):\n',
  );
  const per = [];
  if (bare) per.push(['bare route (per request)', '—', '—', f2(bare.max.nodeCpuMs), '—', '—']);
  for (const r of [out.pglite, out.postgres].filter(Boolean)) {
    const p = r.perSubmission;
    const ceiling =
      p.pgCpuMs === null
        ? 1000 / p.nodeCpuMs
        : Math.min(1000 / p.nodeCpuMs, 2000 / (p.nodeCpuMs + p.pgCpuMs));
    per.push([
      r.label,
      f1(p.statements),
      f1(p.commits),
      f2(p.nodeCpuMs),
      p.pgCpuMs === null ? '— (in the server thread)' : f2(p.pgCpuMs),
      f0(ceiling),
    ]);
  }
  console.log(
    table(
      [
        'database',
        'statements:',
        'commits:',
        'server thread CPU ms:',
        'PostgreSQL CPU ms:',
        'CPU-bound ceiling on 2 idle cores (/s):',
      ],
      per,
    ),
  );
  console.log(
    `\nCritical submission → alert.created (at ${rate}/s offered, ${criticalRate}/s critical):\n`,
  );
  const hooks = [];
  for (const r of [out.pglite, out.postgres].filter(Boolean)) {
    const w = r.webhook;
    hooks.push([
      r.label,
      `${w.sent - w.missing}/${w.sent}`,
      f0(w.p50),
      f0(w.p99),
      f0(w.sendP50),
      f0(w.sendP99),
      `${r.drain.backlog} in ${f1(r.drain.seconds)} s`,
      w.badSignatures,
    ]);
  }
  console.log(
    table(
      [
        'database',
        'matched:',
        'p50 from 201 (ms):',
        'p99 from 201 (ms):',
        'p50 from send (ms):',
        'p99 from send (ms):',
        'outbox after max run:',
        'bad signatures:',
      ],
      hooks,
    ),
  );
  if (errors.trim()) console.log(`\nFirst non-201 responses:\n${errors}`);
  if (trace) {
    const created = out.pglite?.screenings ?? 1;
    console.log('\nPGlite time per submission by statement (max run):\n');
    console.log(
      table(
        ['statement', 'calls / submission:', 'ms / submission:'],
        [...trace.entries()]
          .sort((a, b) => b[1].ms - a[1].ms)
          .slice(0, 25)
          .map(([k, e]) => [
            `\`${k.replaceAll('|', '/')}\``,
            f2(e.n / created),
            f2(e.ms / created),
          ]),
      ),
    );
  }
}

// Shared helpers of the server benchmarks (run.mjs, screenings.mjs).
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';

export const seconds = Number(process.env.BENCH_SECONDS ?? 10);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const run = promisify(execFile);

/** autocannon as a promise, with the run's duration and connections unless given. */
export function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ duration: seconds, connections, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

export const row = (name, db, r) => ({
  name,
  db,
  rps: Math.round(r.requests.average),
  p99: r.latency.p99,
  errors: r.errors + r.non2xx,
});

/** A plain Fastify app on a free port with `routes(app)` registered; returns its URL and close(). */
export async function bareServer(routes) {
  const app = Fastify();
  routes(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** Markdown table from a header row and data rows (right-aligned columns marked with `:`). */
export function table(header, rows) {
  const names = header.map((h) => h.replace(/:$/, ''));
  const rule = header.map((h) => (h.endsWith(':') ? '---:' : '---'));
  return [names, rule, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** Samples the 1-minute load average every 2 s until stopped; returns min / mean / max. */
export function loadSampler() {
  const samples = [loadavg()[0]];
  const timer = setInterval(() => samples.push(loadavg()[0]), 2000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      samples.push(loadavg()[0]);
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      return { min: Math.min(...samples), mean, max: Math.max(...samples) };
    },
  };
}

export const machineLine = () =>
  `${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}, ` +
  `load average now ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')} (1 / 5 / 15 min)`;

// ---------------------------------------------------------------- CPU time (Linux /proc)
// CPU seconds are far less sensitive than wall time to other processes sharing the cores, so
// per-request CPU cost is the figure that carries over to an idle machine.

const tickMs = 1000 / 100; // USER_HZ (getconf CLK_TCK) is 100 on Linux

/** utime, stime, cutime, cstime (ms) and ppid of /proc/<pid>[/task/<tid>]/stat. */
function procStat(path) {
  const text = readFileSync(path, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const n = (i) => Number(f[i]) * tickMs;
  return { ppid: Number(f[1]), self: n(11) + n(12), children: n(13) + n(14) };
}

/** CPU ms used so far by one thread of this process (default: the main thread). */
export const threadCpuMs = (tid = process.pid) =>
  procStat(`/proc/${process.pid}/task/${tid}/stat`).self;

/** CPU ms used so far by a PostgreSQL cluster: its postmaster, live children and reaped children. */
export function clusterCpuMs(postmasterPid) {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const st = procStat(`/proc/${pid}/stat`);
      if (Number(pid) === postmasterPid) total += st.self + st.children;
      else if (st.ppid === postmasterPid) total += st.self;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/**
 * A throwaway PostgreSQL cluster (the testkit's), restarted with PostgreSQL's durable defaults:
 * the testkit starts it with fsync, synchronous_commit and full_page_writes off (fine for
 * tests, meaningless for a durable-commit benchmark). Resolves undefined when unavailable.
 */
export async function startDurablePostgres(database = 'bench') {
  let pgInstance;
  let findPostgresBin;
  try {
    const testkit = await import('../../../packages/testkit/dist/postgres.js');
    findPostgresBin = testkit.findPostgresBin;
    pgInstance = await testkit.startPostgres({ database });
  } catch (e) {
    console.warn(`PostgreSQL run skipped: ${e.message}`);
    return undefined;
  }
  try {
    const client = new pg.Client({ connectionString: pgInstance.url });
    await client.connect();
    const dataDir = (await client.query('SHOW data_directory')).rows[0].data_directory;
    const socketDir = (await client.query('SHOW unix_socket_directories')).rows[0]
      .unix_socket_directories;
    await client.end();
    const pgCtl = join(findPostgresBin(), 'pg_ctl');
    const args = [
      '-D',
      dataDir,
      '-l',
      join(socketDir, 'postgres-durable.log'),
      '-w',
      '-t',
      '60',
      '-m',
      'fast',
      '-o',
      `-p ${pgInstance.port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c max_connections=100`,
      'restart',
    ];
    if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', pgCtl, ...args]);
    else await run(pgCtl, args);
    const check = new pg.Client({ connectionString: pgInstance.url });
    await check.connect();
    const settings = {};
    for (const name of ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method']) {
      settings[name] = (await check.query(`SHOW ${name}`)).rows[0][name];
    }
    await check.end();
    const postmasterPid = Number(
      readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    if (settings.fsync !== 'on' || settings.synchronous_commit !== 'on')
      throw new Error(`PostgreSQL is not durable: ${JSON.stringify(settings)}`);
    return { ...pgInstance, settings, postmasterPid };
  } catch (e) {
    await pgInstance.stop();
    throw e;
  }
}

/** Runs pgbench from the same binaries; resolves its tps (excluding connection time). */
export async function pgbench(pgInstance, { script, clients, threads = 2, seconds: secs }) {
  const bin = join(
    (await import('../../../packages/testkit/dist/postgres.js')).findPostgresBin(),
    'pgbench',
  );
  const { port } = pgInstance;
  const dbName = new URL(pgInstance.url).pathname.slice(1);
  const { stdout } = await run(
    bin,
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      '-n',
      '-f',
      script,
      '-c',
      String(clients),
      '-j',
      String(threads),
      '-T',
      String(secs),
      dbName,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  const lat = /latency average = ([\d.]+) ms/.exec(stdout);
  if (!tps) throw new Error(`pgbench output not understood:\n${stdout}`);
  return { tps: Number(tps[1]), latencyMs: lat ? Number(lat[1]) : null, output: stdout };
}

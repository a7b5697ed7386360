import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Self-contained on purpose (node built-ins only): the server's own PostgreSQL test run imports
// this file directly, since the server cannot depend on the testkit (the testkit depends on it).

const run = promisify(execFile);

export const postgresInstallHint =
  'PostgreSQL binaries (initdb, pg_ctl) not found. Install them with `apt-get install postgresql` ' +
  '(or set XINQIAO_PG_BIN to their directory).';

export class PostgresUnavailableError extends Error {
  override name = 'PostgresUnavailableError';
  constructor() {
    super(postgresInstallHint);
  }
}

/** The directory holding initdb and pg_ctl: XINQIAO_PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(): string | undefined {
  const env = process.env.XINQIAO_PG_BIN;
  if (env) return existsSync(join(env, 'initdb')) ? env : undefined; // explicit setting wins
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Whether a missing PostgreSQL must fail the run instead of skipping (CI sets it). */
export function postgresRequired(): boolean {
  return process.env.XINQIAO_REQUIRE_POSTGRES === '1';
}

export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url: string;
  /** URL of the maintenance database `postgres` (for CREATE DATABASE … TEMPLATE …). */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function postgresUid(): Promise<{ uid: number; gid: number }> {
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/**
 * Starts a throwaway PostgreSQL cluster: initdb + pg_ctl in a temporary directory, on a free
 * port, listening on 127.0.0.1 only, trust auth. As root the binaries run as the `postgres`
 * user (initdb refuses root). Creates `database` (default `xinqiao`). Throws
 * PostgresUnavailableError when the binaries are missing.
 */
export async function startPostgres(opts: { database?: string } = {}): Promise<RunningPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new PostgresUnavailableError();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'xq-pg-'));
  const dataDir = join(dir, 'data');
  if (asRoot) {
    const { uid, gid } = await postgresUid();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const exec = (file: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, file), ...args])
      : run(join(bin, file), args);

  await exec('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  await exec('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    join(dir, 'postgres.log'),
    '-w',
    '-t',
    '30',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    'start',
  ]);
  const database = opts.database ?? 'xinqiao';
  await exec('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await exec('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

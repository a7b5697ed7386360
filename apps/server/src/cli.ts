#!/usr/bin/env node
import { join } from 'node:path';
import * as z from 'zod/mini';
import { Origin } from '@xinqiao/contracts/tenants';
import { checkUrlSyntax } from './net/url-guard.js';
import { packageRoot } from './paths.js';
import { openDatabase, type Database } from './db/database.js';
import { DataDirLockedError } from './db/lock.js';
import { migrate, migrationStatus } from './db/migrate.js';
import { createSnapshot } from './db/snapshot.js';
import {
  createApiKey,
  createTenant,
  getTenant,
  listTenants,
  revokeApiKey,
} from './repositories/tenants.js';

const usage = `Usage: xinqiao-server <command>

Commands:
  migrate              apply pending migrations
  status               show applied/pending migrations
  snapshot <file>      write a migrated PGlite snapshot (tarball) to <file>
  tenant create --name <name> [--origin <url>]... [--webhook-url <url>]
                       create a tenant and its first secret key (printed once)
  tenant list          list tenants
  key create --tenant <id> [--label <text>]
                       create another secret key (printed once)
  key revoke --tenant <id> --key <id>
                       revoke a secret key

The database is DATABASE_URL (PostgreSQL) or the PGlite directory XINQIAO_DATA_DIR
(default apps/server/.data/pglite). The CLI refuses a PGlite directory a running server holds.`;

/** `--name x --origin a --origin b` → Map of lists; undefined on a stray argument. */
function parseFlags(args: string[]): Map<string, string[]> | undefined {
  const out = new Map<string, string[]>();
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i];
    const value = args[i + 1];
    if (!flag?.startsWith('--') || value === undefined) return undefined;
    const key = flag.slice(2);
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  const database = url
    ? await openDatabase({ kind: 'postgres', url })
    : await openDatabase({
        kind: 'pglite',
        dataDir: process.env.XINQIAO_DATA_DIR || join(packageRoot, '.data', 'pglite'),
        lockPurpose: 'cli',
      });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      const { applied } = await withDatabase(migrate);
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Up to date.\n');
      return 0;
    }
    case 'status': {
      const s = await withDatabase(migrationStatus);
      process.stdout.write(`applied ${s.applied}, pending ${s.pending}\n`);
      return 0;
    }
    case 'snapshot': {
      const file = rest[0];
      if (!file) break;
      await createSnapshot(file);
      process.stdout.write(`Snapshot written to ${file}\n`);
      return 0;
    }
    case 'tenant':
    case 'key': {
      const [sub, ...args] = rest;
      const opts = parseFlags(args);
      if (!opts) break;
      const now = new Date();
      const one = (k: string) => opts.get(k)?.[0];
      if (command === 'tenant' && sub === 'create' && one('name')) {
        const problems = [
          ...(opts.get('origin') ?? [])
            .filter((o) => !z.safeParse(Origin, o).success)
            .map((o) => `bad origin ${o}`),
          ...(one('webhook-url') &&
          !checkUrlSyntax(one('webhook-url')!, process.env.XINQIAO_DEMO === '1').ok
            ? ['webhook URL refused (https only; no private or loopback hosts outside demo mode)']
            : []),
          ...(one('name')!.length > 200 ? ['name longer than 200 characters'] : []),
        ];
        if (problems.length) {
          process.stderr.write(`${problems.join('\n')}\n`);
          return 2;
        }
        const { tenant, secret } = await withDatabase(async (db) => {
          await migrate(db);
          return db.db.transaction().execute(async (trx) => {
            const tenant = await createTenant(
              trx,
              {
                name: one('name')!,
                allowedOrigins: opts.get('origin') ?? [],
                webhookUrl: one('webhook-url') ?? null,
              },
              now,
            );
            const { secret } = await createApiKey(trx, tenant.id, 'created by cli', now);
            return { tenant, secret };
          });
        });
        process.stdout.write(
          `tenant ${tenant.id}\nsecret key (shown once, store it now): ${secret}\n`,
        );
        return 0;
      }
      if (command === 'tenant' && sub === 'list') {
        const tenants = await withDatabase(async (db) => listTenants(db.db));
        for (const t of tenants)
          process.stdout.write(`${t.id}\t${t.name}\t${t.allowedOrigins.join(',')}\n`);
        return 0;
      }
      if (command === 'key' && sub === 'create' && one('tenant')) {
        const created = await withDatabase(async (db) => {
          if (!(await getTenant(db.db, one('tenant')!))) return undefined;
          return createApiKey(db.db, one('tenant')!, one('label') ?? null, now);
        });
        if (!created) {
          process.stderr.write('No such tenant.\n');
          return 1;
        }
        process.stdout.write(
          `key ${created.key.id}\nsecret key (shown once, store it now): ${created.secret}\n`,
        );
        return 0;
      }
      if (command === 'key' && sub === 'revoke' && one('tenant') && one('key')) {
        const key = await withDatabase((db) =>
          revokeApiKey(db.db, one('tenant')!, one('key')!, now),
        );
        process.stdout.write(key ? `revoked ${key.id}\n` : 'No such key for this tenant.\n');
        return key ? 0 : 1;
      }
      break;
    }
    default:
      break;
  }
  process.stderr.write(`${usage}\n`);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      e instanceof DataDirLockedError
        ? `${e.message}\n`
        : `Failed: ${(e as Error).name}: ${(e as Error).message}\n`,
    );
    process.exit(1);
  },
);

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { listMigrations, migrate, migrationStatus } from '../src/db/migrate.js';
import { openTestDatabase } from './support/db.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.execScript('CREATE TABLE t_probe (n integer PRIMARY KEY, d date, big bigint)');
});
afterAll(() => database.close());

describe('database', () => {
  it('is migrated, and migrating again is a no-op', async () => {
    expect(await migrationStatus(database)).toEqual({
      applied: listMigrations().length,
      pending: 0,
    });
    expect((await migrate(database)).applied).toEqual([]);
  });

  it('reads dates as YYYY-MM-DD strings and bigint as numbers on both drivers', async () => {
    await sql`insert into t_probe values (1, '2026-09-01', 5)`.execute(database.db);
    const { rows } = await sql<{
      d: unknown;
      big: unknown;
      c: unknown;
    }>`select d, big, (select count(*) from t_probe) as c from t_probe`.execute(database.db);
    expect(rows[0]).toEqual({ d: '2026-09-01', big: 5, c: 1 });
  });

  it('commits and rolls back transactions', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`insert into t_probe (n) values (10)`.execute(trx);
    });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`insert into t_probe (n) values (11)`.execute(trx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const { rows } = await sql<{
      n: number;
    }>`select n from t_probe where n >= 10 order by n`.execute(database.db);
    expect(rows.map((r) => r.n)).toEqual([10]);
  });

  it('keeps concurrent transactions apart', async () => {
    const work = (n: number) =>
      database.db.transaction().execute(async (trx) => {
        await sql`insert into t_probe (n) values (${n})`.execute(trx);
        await new Promise((r) => setTimeout(r, 5));
        if (n % 2) throw new Error('odd');
      });
    const results = await Promise.allSettled([100, 101, 102, 103, 104].map(work));
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const { rows } = await sql<{
      n: number;
    }>`select n from t_probe where n >= 100 order by n`.execute(database.db);
    expect(rows.map((r) => r.n)).toEqual([100, 102, 104]);
  });
});

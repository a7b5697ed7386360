import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

/** Every row of every table (as JSON text), to prove a refused request changed nothing. */
export async function dumpTables(database: Database): Promise<Record<string, string[]>> {
  const { rows: tables } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(
    database.db,
  );
  const out: Record<string, string[]> = {};
  for (const { table_name } of tables) {
    const { rows } = await sql<{
      j: unknown;
    }>`select to_jsonb(t) as j from ${sql.table(table_name)} t`.execute(database.db);
    out[table_name] = rows.map((r) => JSON.stringify(r.j)).sort();
  }
  return out;
}

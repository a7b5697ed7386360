import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { openDatabase } from './database.js';
import { migrate, migrationsHash } from './migrate.js';

/**
 * Creates a migrated PGlite in memory and writes its `dumpDataDir()` tarball to `file`.
 * A fresh PGlite runs initdb (8–10 s); loading the snapshot takes ≈ 1.3 s, so test runs build
 * one snapshot and every test file opens its own copy with `openDatabase({ kind: 'pglite', snapshot })`.
 */
export async function createSnapshot(file: string): Promise<string> {
  const database = await openDatabase({ kind: 'pglite' });
  try {
    await migrate(database);
    const blob = await database.pglite!.dumpDataDir('gzip');
    const bytes = Buffer.from(await blob.arrayBuffer());
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file); // atomic: concurrent builders never see half a file
    return file;
  } finally {
    await database.close();
  }
}

/** Identifies a snapshot's contents: the migrations and the PGlite version that wrote it. */
export function snapshotCacheKey(): string {
  // pglite's exports map hides its package.json: read it next to the resolved entry (dist/…).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = join(dirname(dirname(entry)), 'package.json');
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
  return `${migrationsHash()}-pglite${version}`;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createSnapshot } from '../../src/db/snapshot.js';

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'xq-server-snap-'));
  const file = await createSnapshot(join(dir, 'migrated.tar.gz'));
  project.provide('snapshotPath', file);
  project.provide('pgAdminUrl', '');
  project.provide('pgTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}

import type { TestProject } from 'vitest/node';
import { startPostgres } from '../../../../packages/testkit/src/postgres.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';

export default async function setup(project: TestProject) {
  const pgsql = await startPostgres({ database: 'xq_template' });
  const template = await openDatabase({ kind: 'postgres', url: pgsql.url });
  try {
    await migrate(template);
  } finally {
    await template.close(); // a template must have no open connections to be cloned
  }
  project.provide('snapshotPath', '');
  project.provide('pgAdminUrl', pgsql.adminUrl);
  project.provide('pgTemplate', 'xq_template');
  return () => pgsql.stop();
}

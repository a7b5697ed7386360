import { describe, expect, it } from 'vitest';
import {
  findPostgresBin,
  postgresInstallHint,
  postgresRequired,
  startPostgres,
} from '../src/postgres.js';
import { startTestServer } from '../src/server.js';

const available = findPostgresBin() !== undefined;
if (!available && postgresRequired()) throw new Error(postgresInstallHint);

describe.skipIf(!available)('startPostgres', () => {
  it('starts a throwaway cluster the server runs on, and stops it', async () => {
    const server = await startTestServer({ database: 'postgres' });
    try {
      const ready = await (await fetch(`${server.url}/readyz`)).json();
      expect(ready).toMatchObject({
        status: 'ready',
        database: 'postgres',
        migrations: { pending: 0 },
      });
    } finally {
      await server.close();
    }
  });

  it('gives each cluster its own port', async () => {
    const a = await startPostgres();
    const b = await startPostgres({ database: 'other' });
    try {
      expect(a.port).not.toBe(b.port);
      expect(b.url).toMatch(/\/other$/);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

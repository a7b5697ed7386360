import { describe, expect, it } from 'vitest';
import { createClock } from '../src/clock.js';
import { migratedSnapshot, startTestServer, testUsers } from '../src/server.js';

describe('startTestServer', () => {
  it('boots the real server on a free port from a cached snapshot', async () => {
    const clock = createClock('2026-09-01T08:00:00Z');
    const a = await startTestServer({ clock });
    const b = await startTestServer();
    try {
      expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(a.url).not.toBe(b.url);
      expect(a.clock).toBe(clock);
      const health = await fetch(`${a.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const ready = await (await fetch(`${b.url}/readyz`)).json();
      expect(ready).toMatchObject({
        status: 'ready',
        database: 'pglite',
        migrations: { pending: 0 },
      });
      expect(await migratedSnapshot()).toBe(await migratedSnapshot());
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('seeds a tenant whose secret key the API accepts', async () => {
    const server = await startTestServer({
      tenant: { name: 'Seeded', allowedOrigins: ['https://p.example.cn'] },
    });
    try {
      expect(server.secretKey).toMatch(/^sk_/);
      const res = await fetch(`${server.url}/v1/tenant`, {
        headers: { authorization: `Bearer ${server.secretKey}` },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: server.tenantId, name: 'Seeded' });
      const other = await server.seedTenant();
      expect(other.tenantId).not.toBe(server.tenantId);
    } finally {
      await server.close();
    }
  });

  it('seeds a roster through the API and hands out embed tokens per role', async () => {
    const server = await startTestServer({ tenant: true });
    try {
      const roster = await server.seedRoster();
      expect(roster.units['tk-c7-1']).toMatch(/^ou_/);
      const token = await server.tokenFor(testUsers.counsellor);
      const res = await fetch(`${server.url}/v1/hotlines?orgUnit=${roster.schoolId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(
        ((await res.json()) as { crisis: Array<{ numbers: Array<{ dial: string }> }> }).crisis[0]!
          .numbers[0]!.dial,
      ).toBe('110');
    } finally {
      await server.close();
    }
  });
});

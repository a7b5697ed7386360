import type { RegionsSync, RosterSync } from '@xinqiao/contracts/roster';
import { startTestServer } from '@xinqiao/testkit/server';
import type { StartTestServerOptions, TestServer } from '@xinqiao/testkit/server';
import { createServerClient } from '../src/server.js';

export const regions: RegionsSync = {
  regions: [
    { externalId: 'jx', kind: 'province', name: '江西省' },
    { externalId: 'jx-yc', kind: 'city', name: '宜春市', parent: 'jx' },
  ],
  schools: [{ externalId: 'school-1', name: '第一中学', region: 'jx-yc' }],
};

export function rosterBody(overrides: Partial<RosterSync> = {}): RosterSync {
  return {
    academicYear: '2026-2027',
    effectiveOn: '2026-09-01',
    grades: [{ externalId: 'g7', name: '七年级' }],
    classes: [{ externalId: 'c7-1', grade: 'g7', name: '七年级1班' }],
    students: [
      { externalId: 'stu-1', birthMonth: '2013-05', class: 'c7-1' },
      { externalId: 'stu-2', birthMonth: '2013', class: 'c7-1' },
    ],
    guardians: [{ externalId: 'par-1', family: 'fam-1', students: ['stu-1'] }],
    staff: [
      {
        externalId: 'tea-1',
        memberships: [{ role: 'class_teacher', unit: { kind: 'class', externalId: 'c7-1' } }],
      },
      { externalId: 'cou-1', memberships: [{ role: 'counsellor', unit: { kind: 'school' } }] },
      { externalId: 'adm-1', memberships: [{ role: 'school_admin', unit: { kind: 'school' } }] },
    ],
    schoolHours: { days: [1, 2, 3, 4, 5], open: '07:30', close: '17:30' },
    onCall: 'cou-1',
    ...overrides,
  };
}

export interface Seeded {
  server: TestServer;
  secretKey: string;
  schoolId: string;
  /** A fresh embed token for a roster user (default ttl 900 s). */
  tokenFor(externalId: string, ttlSeconds?: number): Promise<string>;
}

/** The real server with one tenant whose regions and school-1 roster are synced through the SDK. */
export async function seededServer(opts: StartTestServerOptions = {}): Promise<Seeded> {
  const server = await startTestServer({ tenant: true, ...opts });
  const secretKey = server.secretKey!;
  const client = createServerClient({ baseUrl: server.url, secretKey });
  const synced = await client.roster.syncRegions(regions);
  const schoolId = synced.schools.find((s) => s.externalId === 'school-1')!.id;
  await client.roster.upsert(schoolId, rosterBody());
  return {
    server,
    secretKey,
    schoolId,
    tokenFor: async (externalId, ttlSeconds) =>
      (
        await client.embedSessions.create({
          user: { externalId },
          ...(ttlSeconds ? { ttlSeconds } : {}),
        })
      ).token,
  };
}

/** A fetch that records every request it forwards (method, path, selected headers). */
export function recordingFetch(
  inner: typeof fetch = fetch,
  hook?: (request: Request, n: number) => Promise<Response | undefined> | Response | undefined,
) {
  const calls: { method: string; path: string; headers: Headers }[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    calls.push({
      method: request.method,
      path: new URL(request.url).pathname,
      headers: new Headers(request.headers),
    });
    const replaced = await hook?.(request.clone(), calls.length);
    if (replaced) return replaced;
    return inner(request);
  };
  return { fetch: wrapped, calls };
}

/** A sleep seam that records the delays asked for and does not wait. */
export function recordingSleep() {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      delays.push(ms);
    },
  };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

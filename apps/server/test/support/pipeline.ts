import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Campaign } from '@xinqiao/contracts/campaigns';
import type { RosterSync } from '@xinqiao/contracts/roster';
import { roster } from './fixtures.js';
import { bearer } from './seed.js';

/** Sentinel answers would be numbers; the sentinel for answers is the free-text-free JSON, so notes carry text. */
export interface Session {
  id: string;
  headers: Record<string, string>;
}

export async function session(
  app: FastifyInstance,
  secret: string,
  externalId: string,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/embed-sessions',
    headers: bearer(secret),
    payload: { user: { externalId } },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as { token: string; user: { id: string } };
  return { id: body.user.id, headers: { authorization: `Bearer ${body.token}` } };
}

export const withKey = (h: Record<string, string>, key: string = randomUUID()) => ({
  ...h,
  'idempotency-key': key,
});

/** The standard roster plus `n` more students in c7-1 (`s01`…), all aged 13 in September 2026. */
export function bigRoster(n: number): RosterSync {
  const base = roster();
  const extra = Array.from({ length: n }, (_, i) => ({
    externalId: `s${String(i + 1).padStart(2, '0')}`,
    birthMonth: '2013-03',
    class: 'c7-1',
  }));
  return { ...base, students: [...base.students, ...extra] };
}

export function campaignBody(schoolId: string, over: Record<string, unknown> = {}) {
  return {
    name: '2026秋季心理筛查',
    schoolId,
    opensAt: '2026-09-01T00:00:00Z',
    closesAt: '2026-10-01T00:00:00Z',
    instruments: ['phq-a', 'gad-7'],
    acknowledgeUnvalidatedTranslations: ['phq-a', 'gad-7', 'asq'],
    ...over,
  };
}

export async function createCampaign(
  app: FastifyInstance,
  secret: string,
  schoolId: string,
  over: Record<string, unknown> = {},
): Promise<Campaign> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/campaigns',
    headers: bearer(secret),
    payload: campaignBody(schoolId, over),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Campaign;
}

/** Both consents for a student, through the portal's key. */
export async function consentFor(
  app: FastifyInstance,
  secret: string,
  studentId: string,
): Promise<void> {
  for (const kind of ['guardian', 'health_data']) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/consents',
      headers: bearer(secret),
      payload: { studentId, kind, granted: true },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}

const phqA = (v: number[]) => Object.fromEntries(v.map((x, i) => [`q${i + 1}`, x]));
export const answers = {
  none: () => [
    { instrumentId: 'phq-a', answers: phqA([0, 0, 0, 0, 0, 0, 0, 0, 0]) },
    { instrumentId: 'gad-7', answers: phqA([0, 0, 0, 0, 0, 0, 0]) },
  ],
  attention: () => [
    { instrumentId: 'phq-a', answers: phqA([1, 1, 1, 1, 1, 1, 0, 0, 0]) },
    { instrumentId: 'gad-7', answers: phqA([0, 0, 0, 0, 0, 0, 0]) },
  ],
  high: () => [
    { instrumentId: 'phq-a', answers: phqA([2, 2, 2, 2, 2, 2, 0, 0, 0]) },
    { instrumentId: 'gad-7', answers: phqA([0, 0, 0, 0, 0, 0, 0]) },
  ],
  /** PHQ item 9 = 2 with the ASQ the rule inserted: non-acute positive. */
  item9AsqNonAcute: () => [
    { instrumentId: 'phq-a', answers: phqA([0, 0, 0, 0, 0, 0, 0, 0, 2]) },
    { instrumentId: 'gad-7', answers: phqA([0, 0, 0, 0, 0, 0, 0]) },
    { instrumentId: 'asq', answers: { q1: 'yes', q2: 'no', q3: 'no', q4: 'no', q5: 'no' } },
  ],
  /** PHQ item 9 = 2 and no ASQ: follow_up_missing. */
  item9Only: () => [
    { instrumentId: 'phq-a', answers: phqA([0, 0, 0, 0, 0, 0, 0, 0, 2]) },
    { instrumentId: 'gad-7', answers: phqA([0, 0, 0, 0, 0, 0, 0]) },
  ],
  asqAcute: () => [
    { instrumentId: 'phq-a', answers: phqA([0, 0, 0, 0, 0, 0, 0, 0, 1]) },
    { instrumentId: 'gad-7', answers: phqA([0, 0, 0, 0, 0, 0, 0]) },
    { instrumentId: 'asq', answers: { q1: 'yes', q2: 'yes', q3: 'no', q4: 'no', q5: 'yes' } },
  ],
};

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseTimeline } from '@xinqiao/contracts/cases';
import type { ContactList } from '@xinqiao/contracts/contacts';
import type { Concern } from '@xinqiao/contracts/concerns';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { dumpTables } from './support/dump.js';
import { seedSchool } from './support/fixtures.js';
import {
  bigRoster,
  consentFor,
  createCampaign,
  session,
  withKey,
  type Session,
} from './support/pipeline.js';
import { seedTenant } from './support/seed.js';

/**
 * Evidence, not claims (ARCHITECTURE §3): seed sentinel answers, notes and a concern's text
 * through the API, then dump every table and every captured log line and find no plaintext copy
 * — neither as text nor as the hex of its bytes (how bytea columns dump).
 */
const answerSentinel = { q1: 3, q2: 1, q3: 2, q4: 0, q5: 3, q6: 1, q7: 2, q8: 0, q9: 0 };
const answerNeedle = '"q1":3,"q2":1,"q3":2,"q4":0,"q5":3';
const noteSentinel = 'SENTINEL_CASE_NOTE_他说晚上睡不着';
const concernSentinel = 'SENTINEL_CONCERN_在课堂上哭了';
const contactSentinel = 'SENTINEL_HOME_VISIT_父母最近在闹离婚';
let t: TestApp;
let studentId: string;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ clock: testClock('2026-09-01T01:00:00Z') });
  const a = await seedTenant(t.database);
  const s = await seedSchool(t.app, a.secret, bigRoster(1));
  const campaign = await createCampaign(t.app, a.secret, s.schoolId);
  const st = await session(t.app, a.secret, 's01');
  studentId = st.id;
  admin = await session(t.app, a.secret, 'adm-1');
  await consentFor(t.app, a.secret, st.id);
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/screenings',
    headers: withKey(st.headers),
    payload: {
      campaignId: campaign.id,
      responses: [
        { instrumentId: 'phq-a', answers: answerSentinel },
        { instrumentId: 'gad-7', answers: { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0 } },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const tea = await session(t.app, a.secret, 'tea-1');
  const concern = await t.app.inject({
    method: 'POST',
    url: '/v1/concerns',
    headers: withKey(tea.headers),
    payload: {
      studentId: st.id,
      kind: 'classroom_observation',
      tier: 'high',
      note: concernSentinel,
    },
  });
  expect(concern.statusCode, concern.body).toBe(201);
  const caseId = (concern.json() as Concern).caseId!;
  const cou = await session(t.app, a.secret, 'cou-1');
  const note = await t.app.inject({
    method: 'POST',
    url: `/v1/cases/${caseId}/events`,
    headers: withKey(cou.headers),
    payload: { type: 'note', visibility: 'counsellor', note: noteSentinel },
  });
  expect(note.statusCode, note.body).toBe(201);
  // positive control: the note is stored and readable by the counsellor
  const tl = (
    await t.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/timeline`, headers: cou.headers })
  ).json() as CaseTimeline;
  expect(tl.data.some((e) => e.note === noteSentinel)).toBe(true);
  const visit = await t.app.inject({
    method: 'POST',
    url: `/v1/students/${st.id}/contacts`,
    headers: withKey(cou.headers),
    payload: { kind: 'home_visit', at: '2026-09-01T00:30:00Z', note: contactSentinel },
  });
  expect(visit.statusCode, visit.body).toBe(201);
  const visits = (
    await t.app.inject({
      method: 'GET',
      url: `/v1/students/${st.id}/contacts`,
      headers: cou.headers,
    })
  ).json() as ContactList;
  expect(visits.data.some((v) => v.note === contactSentinel)).toBe(true);
}, 240_000);
afterAll(() => t.close());

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

describe('sentinel: no plaintext answers or notes anywhere', () => {
  it('in any table (text or bytea)', async () => {
    const dump = JSON.stringify(await dumpTables(t.database));
    expect(dump.length).toBeGreaterThan(1000);
    for (const needle of [answerNeedle, noteSentinel, concernSentinel, contactSentinel]) {
      expect(dump.includes(needle), needle).toBe(false);
      expect(dump.toLowerCase().includes(hex(needle)), `hex of ${needle}`).toBe(false);
    }
    // the screening is there, sealed
    expect(dump).toContain('answers_enc');
  });

  it('in the logs', () => {
    expect(t.logs.length).toBeGreaterThan(5);
    const logs = t.logs.join('\n');
    for (const needle of [answerNeedle, noteSentinel, concernSentinel, contactSentinel, 'q1'])
      expect(logs.includes(needle), needle).toBe(false);
  });
});

describe('the export holds them in clear for the school admin; erasure takes them all', () => {
  const exportOf = async () =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/v1/students/${studentId}/export`,
        headers: admin.headers,
      })
    ).body;

  it('export (PIPL access right): answers, case note, concern and contact notes', async () => {
    const body = await exportOf();
    for (const needle of [answerNeedle, noteSentinel, concernSentinel, contactSentinel])
      expect(body.includes(needle), needle).toBe(true);
  });

  it('after erasure the export and the database have none of them', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/students/${studentId}/erasure`,
      headers: withKey(admin.headers),
      payload: { reason: 'guardian_request' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = await exportOf();
    expect(body).toContain('"erasedAt":"');
    for (const needle of [answerNeedle, noteSentinel, concernSentinel, contactSentinel])
      expect(body.includes(needle), needle).toBe(false);
  });
});

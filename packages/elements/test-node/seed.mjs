// What a portal's backend does before its pages embed Xinqiao, against the real API over HTTP:
// sync its regions and one school's roster with the secret key, then mint short-lived embed
// tokens for a user (POST /v1/embed-sessions). Used by the three-origin CSP test, whose portal
// serves the token to portal.js exactly as a portal would.
import { randomUUID } from 'node:crypto';

async function call(api, secretKey, method, path, body) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${secretKey}`,
      'content-type': 'application/json',
      ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return JSON.parse(text);
}

/** One region, one school, one class; a guardian `par-1` of student `stu-1`; a counsellor. */
export async function seedPortalSchool(api, secretKey) {
  const regions = await call(api, secretKey, 'PUT', '/v1/regions', {
    regions: [{ externalId: 'city-1', kind: 'city' }],
    schools: [{ externalId: 'school-1', region: 'city-1' }],
  });
  const schoolId = regions.schools.find((s) => s.externalId === 'school-1').id;
  await call(api, secretKey, 'PUT', `/v1/schools/${schoolId}/roster`, {
    academicYear: '2026-2027',
    effectiveOn: '2026-09-01',
    grades: [{ externalId: 'g7' }],
    classes: [{ externalId: 'c7-1', grade: 'g7' }],
    students: [{ externalId: 'stu-1', class: 'c7-1' }],
    guardians: [{ externalId: 'par-1', family: 'fam-1', students: ['stu-1'] }],
    staff: [
      {
        externalId: 'tea-1',
        memberships: [{ role: 'class_teacher', unit: { kind: 'class', externalId: 'c7-1' } }],
      },
      { externalId: 'cou-1', memberships: [{ role: 'counsellor', unit: { kind: 'school' } }] },
    ],
    schoolHours: { days: [1, 2, 3, 4, 5], open: '07:30', close: '17:30' },
    onCall: 'cou-1',
  });
  return { schoolId };
}

/** A fresh embed token for the roster user `externalId` (the portal backend's job). */
export async function mintEmbedToken(api, secretKey, externalId) {
  const session = await call(api, secretKey, 'POST', '/v1/embed-sessions', {
    user: { externalId },
  });
  return session.token;
}

/** A verified local line of the school, open Monday–Friday 08:00–17:00 (POST /v1/hotlines). */
export async function addSchoolHotline(api, secretKey, schoolId) {
  return call(api, secretKey, 'POST', '/v1/hotlines', {
    orgUnit: schoolId,
    kind: 'psychological',
    name: { 'zh-CN': '学校心理辅导室', en: 'School counselling room' },
    numbers: [{ dial: '051388886666' }],
    audiences: ['student', 'guardian'],
    schedule: { kind: 'weekly', slots: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' }] },
    verification: {
      status: 'verified',
      checkedOn: '2026-08-20',
      source: { title: '学校心理辅导室开放时间通知' },
    },
  });
}

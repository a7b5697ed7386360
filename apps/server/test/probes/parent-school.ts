import { allRoles, type Probe } from './platform.js';

/**
 * Per-caller HTTP probes of the parent-school routes, against tenant A's session `ctx.psSession`
 * (school-1, whole school, in the future). Destructive routes on one family's signup (cancel,
 * check-in) probe the gates with a signup id that does not exist: who is refused before the
 * database is asked, who gets a 404; their allowed paths are in parent-school.test.ts.
 */
const missingSignup = 'psu_00000000000000000000000000';
const missingSession = 'pss_00000000000000000000000000';
const refused = {
  ...allRoles(403),
  secret_key: 403,
  other_tenant: 403,
  other_tenant_admin: 403,
  ended_membership: 403,
  anonymous: 401,
};
// school admins and counsellors of the school, or the portal's key
const manage: Pick<Probe, 'expect' | 'otherwise'> = {
  expect: {
    ...refused,
    school_admin: 200,
    counsellor: 200,
    secret_key: 200,
    other_tenant: 404,
    other_tenant_admin: 404,
  },
  otherwise: 0,
};
// guardians of targeted children, the school's staff, the district above it, the portal
const readSession: Pick<Probe, 'expect' | 'otherwise'> = {
  expect: {
    ...refused,
    guardian: 200,
    class_teacher: 200,
    grade_leader: 200,
    counsellor: 200,
    school_admin: 200,
    district_admin: 200,
    secret_key: 200,
    other_tenant: 404,
    other_tenant_admin: 404,
  },
  otherwise: 0,
};

export const sessionBody = (schoolId: string) => ({
  title: '如何与青春期孩子沟通',
  topic: '亲子沟通',
  speaker: '心理教师 陈老师',
  mode: 'offline',
  place: '学校报告厅',
  capacity: 30,
  startsAt: '2026-10-10T11:00:00Z',
  endsAt: '2026-10-10T12:30:00Z',
  schoolIds: [schoolId],
});

export const parentSchoolProbes: Record<string, Probe> = {
  'POST /v1/parent-school/sessions': {
    request: ({ s }) => ({
      method: 'POST',
      url: '/v1/parent-school/sessions',
      payload: sessionBody(s.schoolId),
    }),
    expect: { ...manage.expect, school_admin: 201, counsellor: 201, secret_key: 201 },
    otherwise: 0,
  },
  'PATCH /v1/parent-school/sessions/:sessionId': {
    request: ({ psSession }) => ({
      method: 'PATCH',
      url: `/v1/parent-school/sessions/${psSession}`,
      payload: {},
    }),
    ...manage,
  },
  'POST /v1/parent-school/sessions/:sessionId/cancel': {
    request: () => ({ method: 'POST', url: `/v1/parent-school/sessions/${missingSession}/cancel` }),
    expect: { ...manage.expect, school_admin: 404, counsellor: 404, secret_key: 404 },
    otherwise: 0,
  },
  'GET /v1/parent-school/sessions': {
    request: ({ s }) => ({
      method: 'GET',
      url: `/v1/parent-school/sessions?schoolId=${s.schoolId}`,
    }),
    ...readSession,
  },
  'GET /v1/parent-school/sessions/:sessionId': {
    request: ({ psSession }) => ({
      method: 'GET',
      url: `/v1/parent-school/sessions/${psSession}`,
    }),
    ...readSession,
  },
  'GET /v1/parent-school/sessions/:sessionId/calendar.ics': {
    request: ({ psSession }) => ({
      method: 'GET',
      url: `/v1/parent-school/sessions/${psSession}/calendar.ics`,
    }),
    ...readSession,
  },
  'GET /v1/parent-school/children': {
    request: () => ({ method: 'GET', url: '/v1/parent-school/children' }),
    expect: { ...refused, guardian: 200 },
    otherwise: 0,
  },
  'POST /v1/parent-school/sessions/:sessionId/signups': {
    request: ({ psSession, student }) => ({
      method: 'POST',
      url: `/v1/parent-school/sessions/${psSession}/signups`,
      payload: { childStudentId: student('stu-1'), attendeeCount: 2 },
    }),
    expect: { ...refused, guardian: 201 },
    otherwise: 0,
  },
  'POST /v1/parent-school/sessions/:sessionId/signups/:signupId/cancel': {
    request: ({ psSession }) => ({
      method: 'POST',
      url: `/v1/parent-school/sessions/${psSession}/signups/${missingSignup}/cancel`,
    }),
    expect: {
      ...refused,
      guardian: 404,
      counsellor: 404,
      school_admin: 404,
      other_tenant_admin: 404,
    },
    otherwise: 0,
  },
  'GET /v1/parent-school/sessions/:sessionId/signups': {
    request: ({ psSession }) => ({
      method: 'GET',
      url: `/v1/parent-school/sessions/${psSession}/signups`,
    }),
    expect: {
      ...refused,
      class_teacher: 200,
      grade_leader: 200,
      counsellor: 200,
      school_admin: 200,
      other_tenant_admin: 404,
    },
    otherwise: 0,
  },
  'POST /v1/parent-school/sessions/:sessionId/signups/:signupId/check-in': {
    request: ({ psSession }) => ({
      method: 'POST',
      url: `/v1/parent-school/sessions/${psSession}/signups/${missingSignup}/check-in`,
    }),
    expect: {
      ...refused,
      class_teacher: 404,
      grade_leader: 404,
      counsellor: 404,
      school_admin: 404,
      other_tenant_admin: 404,
    },
    otherwise: 0,
  },
  'GET /v1/parent-school/coverage': {
    request: ({ s }) => ({
      method: 'GET',
      url: `/v1/parent-school/coverage?orgUnit=${s.schoolId}`,
    }),
    expect: {
      ...refused,
      counsellor: 200,
      school_admin: 200,
      district_admin: 200,
      secret_key: 200,
      other_tenant: 404,
      other_tenant_admin: 404,
    },
    otherwise: 0,
  },
};

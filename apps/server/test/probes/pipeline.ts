import { allRoles, type Probe } from './platform.js';
import { campaignBody } from '../support/pipeline.js';

/**
 * Per-caller HTTP probes of the screening pipeline's routes (instruments, campaigns, consents,
 * safety signals, screenings, alerts), against tenant A's data. Ids that do not exist probe the
 * gates in front of the lookup: who is refused before the database is asked, who gets a 404.
 */
const missingCampaign = 'cmp_00000000000000000000000000';
const missingAlert = 'alr_00000000000000000000000000';
const missingCase = 'cas_00000000000000000000000000';
const everyone = (status: number): Pick<Probe, 'expect' | 'otherwise'> => ({
  expect: { anonymous: 401 },
  otherwise: status,
});
const refusedUnlessListed = {
  ...allRoles(403),
  secret_key: 403,
  other_tenant: 403,
  other_tenant_admin: 403,
  ended_membership: 403,
  anonymous: 401,
};

const caseRoute: Pick<Probe, 'expect' | 'otherwise'> = {
  expect: {
    ...refusedUnlessListed,
    guardian: 404,
    class_teacher: 404,
    grade_leader: 404,
    counsellor: 404,
    volunteer: 404,
    school_admin: 404,
    other_tenant_admin: 404,
  },
  otherwise: 0,
};

// Staff whose case_timeline right reaches stu-1; volunteers (no pairing without a case) 403.
const contactsRoute = (ok: number): Pick<Probe, 'expect' | 'otherwise'> => ({
  expect: {
    ...refusedUnlessListed,
    class_teacher: ok,
    grade_leader: ok,
    counsellor: ok,
    school_admin: ok,
    other_tenant_admin: 404,
  },
  otherwise: 0,
});

const statsQuery = (unitId: string) => `unitId=${unitId}&from=2026-09-01&to=2026-12-31`;
// A school's table: its counsellor and admin, the district above it and the portal; class
// teachers and grade leaders only for their own class or grade (not probed here: 403).
const statsRoute: Pick<Probe, 'expect' | 'otherwise'> = {
  expect: {
    ...refusedUnlessListed,
    counsellor: 200,
    school_admin: 200,
    district_admin: 200,
    secret_key: 200,
    other_tenant: 404,
    other_tenant_admin: 404,
  },
  otherwise: 0,
};

export const probes: Record<string, Probe> = {
  'GET /v1/instruments': {
    request: () => ({ method: 'GET', url: '/v1/instruments' }),
    ...everyone(200),
  },
  'GET /v1/instruments/:instrumentId': {
    request: () => ({ method: 'GET', url: '/v1/instruments/phq-9' }),
    ...everyone(200),
  },
  'POST /v1/campaigns': {
    request: ({ s }) => ({
      method: 'POST',
      url: '/v1/campaigns',
      payload: campaignBody(s.schoolId),
    }),
    expect: {
      ...refusedUnlessListed,
      school_admin: 201,
      district_admin: 201,
      secret_key: 201,
      other_tenant: 404,
      other_tenant_admin: 404,
    },
    otherwise: 0,
  },
  'GET /v1/campaigns/:campaignId': {
    request: () => ({ method: 'GET', url: `/v1/campaigns/${missingCampaign}` }),
    ...everyone(404),
  },
  'GET /v1/campaigns/:campaignId/eligibility': {
    request: ({ student }) => ({
      method: 'GET',
      url: `/v1/campaigns/${missingCampaign}/eligibility?studentId=${student('stu-1')}`,
    }),
    expect: { ...refusedUnlessListed, student: 404, guardian: 404 },
    otherwise: 0,
  },
  'GET /v1/campaigns/:campaignId/coverage': {
    request: () => ({ method: 'GET', url: `/v1/campaigns/${missingCampaign}/coverage` }),
    ...everyone(404),
  },
  'POST /v1/consents': {
    request: ({ student }) => ({
      method: 'POST',
      url: '/v1/consents',
      payload: { studentId: student('stu-1'), kind: 'health_data', granted: true },
    }),
    expect: { ...refusedUnlessListed, guardian: 201, secret_key: 201, other_tenant: 404 },
    otherwise: 0,
  },
  'POST /v1/safety-signals': {
    request: ({ student }) => ({
      method: 'POST',
      url: '/v1/safety-signals',
      payload: {
        flag: 'asq-acute',
        observedAt: '2026-09-01T01:00:00Z',
        studentId: student('stu-1'),
      },
    }),
    expect: { ...refusedUnlessListed, student: 201, guardian: 201 },
    otherwise: 0,
  },
  'POST /v1/screenings': {
    request: ({ student }) => ({
      method: 'POST',
      url: '/v1/screenings',
      payload: {
        campaignId: missingCampaign,
        studentId: student('stu-1'),
        responses: [{ instrumentId: 'gad-7', answers: { q1: 0 } }],
      },
    }),
    expect: { ...refusedUnlessListed, student: 404, guardian: 404 },
    otherwise: 0,
  },
  'GET /v1/alerts': {
    request: () => ({ method: 'GET', url: '/v1/alerts' }),
    expect: {
      ...refusedUnlessListed,
      class_teacher: 200,
      grade_leader: 200,
      counsellor: 200,
      school_admin: 200,
      district_admin: 200,
      secret_key: 200,
      other_tenant: 200,
      other_tenant_admin: 200,
    },
    otherwise: 0,
  },
  'GET /v1/alerts/:alertId': {
    request: () => ({ method: 'GET', url: `/v1/alerts/${missingAlert}` }),
    expect: {
      ...refusedUnlessListed,
      class_teacher: 404,
      grade_leader: 404,
      counsellor: 404,
      school_admin: 404,
      other_tenant_admin: 404,
    },
    otherwise: 0,
  },
  'POST /v1/alerts/:alertId/acknowledge': {
    request: () => ({ method: 'POST', url: `/v1/alerts/${missingAlert}/acknowledge`, payload: {} }),
    expect: {
      ...refusedUnlessListed,
      class_teacher: 404,
      grade_leader: 404,
      counsellor: 404,
      school_admin: 404,
      other_tenant_admin: 404,
    },
    otherwise: 0,
  },
  'POST /v1/concerns': {
    request: ({ student }) => ({
      method: 'POST',
      url: '/v1/concerns',
      payload: { studentId: student('stu-1'), kind: 'classroom_observation', tier: 'attention' },
    }),
    expect: {
      ...refusedUnlessListed,
      student: 201,
      guardian: 201,
      class_teacher: 201,
      grade_leader: 201,
      counsellor: 201,
      school_admin: 201,
      volunteer: 201,
      other_tenant_admin: 404,
    },
    otherwise: 0,
  },
  'GET /v1/cases': {
    request: () => ({ method: 'GET', url: '/v1/cases' }),
    expect: {
      ...refusedUnlessListed,
      guardian: 200,
      class_teacher: 200,
      grade_leader: 200,
      counsellor: 200,
      volunteer: 200,
      school_admin: 200,
      other_tenant_admin: 200,
    },
    otherwise: 0,
  },
  'GET /v1/cases/:caseId': {
    request: () => ({ method: 'GET', url: `/v1/cases/${missingCase}` }),
    ...caseRoute,
  },
  'GET /v1/cases/:caseId/timeline': {
    request: () => ({ method: 'GET', url: `/v1/cases/${missingCase}/timeline` }),
    ...caseRoute,
  },
  'POST /v1/cases/:caseId/events': {
    request: () => ({
      method: 'POST',
      url: `/v1/cases/${missingCase}/events`,
      payload: { type: 'note', visibility: 'counsellor', note: 'probe' },
    }),
    ...caseRoute,
  },
  'GET /v1/students/:studentId/record': {
    request: ({ student }) => ({ method: 'GET', url: `/v1/students/${student('stu-1')}/record` }),
    // volunteers reach only paired students (none paired here) → 404, like another tenant's admin;
    // par-1 is stu-1's guardian (the guardian summary)
    expect: {
      ...refusedUnlessListed,
      guardian: 200,
      class_teacher: 200,
      grade_leader: 200,
      counsellor: 200,
      school_admin: 200,
      volunteer: 404,
      other_tenant_admin: 404,
    },
    otherwise: 0,
  },
  'POST /v1/students/:studentId/contacts': {
    request: ({ student }) => ({
      method: 'POST',
      url: `/v1/students/${student('stu-1')}/contacts`,
      payload: { kind: 'home_visit', at: '2026-09-01T00:30:00Z' },
    }),
    ...contactsRoute(201),
  },
  'GET /v1/students/:studentId/contacts': {
    request: ({ student }) => ({
      method: 'GET',
      url: `/v1/students/${student('stu-1')}/contacts`,
    }),
    ...contactsRoute(200),
  },
  'GET /v1/stats/coverage': {
    request: ({ s }) => ({ method: 'GET', url: `/v1/stats/coverage?${statsQuery(s.schoolId)}` }),
    ...statsRoute,
  },
  'GET /v1/stats/coverage.csv': {
    request: ({ s }) => ({
      method: 'GET',
      url: `/v1/stats/coverage.csv?${statsQuery(s.schoolId)}`,
    }),
    ...statsRoute,
  },
};

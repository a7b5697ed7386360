import type { InjectOptions } from 'fastify';
import { roles } from '@xinqiao/contracts/memberships';
import { regions, roster, type SeededSchool } from '../support/fixtures.js';
import type { Caller } from '../support/principals.js';
import type { seedTenant } from '../support/seed.js';

/**
 * Per-caller HTTP probes of the platform routes (tenant, roster, embed sessions, audit,
 * privacy). Each probe names one request against tenant A's data and the status every kind of
 * caller must get. Other route groups add their own file in test/probes/.
 */
export interface Ctx {
  s: SeededSchool;
  a: Awaited<ReturnType<typeof seedTenant>>;
  /** Opaque ids of tenant A's students by external id. */
  student: (externalId: string) => string;
  /** A school-1 hotline of tenant A. */
  hotline: string;
  /** A parent-school session of tenant A for the whole of school-1, in the future. */
  psSession: string;
}
export interface Probe {
  request: (ctx: Ctx) => Omit<InjectOptions, 'headers'>;
  /** Expected status per caller; callers not listed expect `otherwise`. */
  expect: Partial<Record<Caller, number>>;
  otherwise: number;
}

export const allRoles = (status: number) =>
  Object.fromEntries(roles.map((r) => [r, status])) as Record<(typeof roles)[number], number>;
export const secretKeyRoute = (
  ok: number,
  otherTenant: number,
): Pick<Probe, 'expect' | 'otherwise'> => ({
  expect: {
    ...allRoles(403),
    ended_membership: 403,
    other_tenant_admin: 403,
    anonymous: 401,
    secret_key: ok,
    other_tenant: otherTenant,
  },
  otherwise: 0,
});

export const probes: Record<string, Probe> = {
  'GET /v1/tenant': {
    request: () => ({ method: 'GET', url: '/v1/tenant' }),
    ...secretKeyRoute(200, 200),
  },
  'PATCH /v1/tenant': {
    request: () => ({ method: 'PATCH', url: '/v1/tenant', payload: {} }),
    ...secretKeyRoute(200, 200),
  },
  'POST /v1/tenant/webhook-secret': {
    request: () => ({ method: 'POST', url: '/v1/tenant/webhook-secret' }),
    ...secretKeyRoute(201, 201),
  },
  'GET /v1/keys': {
    request: () => ({ method: 'GET', url: '/v1/keys' }),
    ...secretKeyRoute(200, 200),
  },
  'POST /v1/keys': {
    request: () => ({ method: 'POST', url: '/v1/keys', payload: {} }),
    ...secretKeyRoute(201, 201),
  },
  'DELETE /v1/keys/:keyId': {
    // revoking a key that is not the caller's own is a 404; the tenant's own throwaway key → 200 is in tenant.test.ts
    request: () => ({ method: 'DELETE', url: '/v1/keys/key_00000000000000000000000000' }),
    ...secretKeyRoute(404, 404),
  },
  'PUT /v1/regions': {
    request: () => ({ method: 'PUT', url: '/v1/regions', payload: regions }),
    ...secretKeyRoute(200, 200),
  },
  'PUT /v1/schools/:schoolId/roster': {
    request: ({ s }) => ({
      method: 'PUT',
      url: `/v1/schools/${s.schoolId}/roster`,
      payload: roster(),
    }),
    ...secretKeyRoute(200, 404),
  },
  'POST /v1/embed-sessions': {
    request: () => ({
      method: 'POST',
      url: '/v1/embed-sessions',
      payload: { user: { externalId: 'tea-1' } },
    }),
    ...secretKeyRoute(201, 404),
  },
  'GET /v1/audit': {
    request: ({ s }) => ({ method: 'GET', url: `/v1/audit?schoolId=${s.schoolId}` }),
    expect: {
      school_admin: 200,
      district_admin: 200,
      secret_key: 200,
      other_tenant: 404,
      other_tenant_admin: 404,
      anonymous: 401,
      ended_membership: 403,
    },
    otherwise: 403,
  },
  'GET /v1/students/:studentId/export': {
    request: ({ student }) => ({ method: 'GET', url: `/v1/students/${student('stu-1')}/export` }),
    expect: { school_admin: 200, other_tenant_admin: 404, anonymous: 401 },
    otherwise: 403,
  },
  'GET /v1/retention/due': {
    request: () => ({ method: 'GET', url: '/v1/retention/due' }),
    ...secretKeyRoute(200, 200),
  },
  'POST /v1/students/:studentId/erasure': {
    request: ({ student }) => ({
      method: 'POST',
      url: `/v1/students/${student('stu-3')}/erasure`,
      payload: { reason: 'guardian_request' },
    }),
    expect: { school_admin: 200, other_tenant_admin: 404, anonymous: 401 },
    otherwise: 403,
  },
};

/** Hotline routes: reading is open to every member of the tenant; managing to admins of the unit. */
export const hotlineProbes: Record<string, Probe> = {
  'GET /v1/hotlines': {
    request: ({ s }) => ({ method: 'GET', url: `/v1/hotlines?orgUnit=${s.schoolId}` }),
    expect: { other_tenant: 404, other_tenant_admin: 404, anonymous: 401, ended_membership: 200 },
    otherwise: 200,
  },
  'POST /v1/hotlines': {
    request: ({ s }) => ({
      method: 'POST',
      url: '/v1/hotlines',
      payload: {
        orgUnit: s.schoolId,
        kind: 'psychological',
        name: { 'zh-CN': '心理室', en: 'Counselling room' },
        numbers: [{ dial: '07955551234' }],
        audiences: ['student'],
        schedule: { kind: 'unknown' },
        verification: { status: 'unverified', checkedOn: null, source: null },
      },
    }),
    expect: {
      school_admin: 201,
      counsellor: 201,
      district_admin: 201,
      secret_key: 201,
      other_tenant: 404,
      other_tenant_admin: 404,
      anonymous: 401,
    },
    otherwise: 403,
  },
  'PATCH /v1/hotlines/:hotlineId': {
    request: ({ hotline }) => ({ method: 'PATCH', url: `/v1/hotlines/${hotline}`, payload: {} }),
    expect: {
      school_admin: 200,
      counsellor: 200,
      district_admin: 200,
      secret_key: 200,
      other_tenant: 404,
      other_tenant_admin: 404,
      anonymous: 401,
    },
    otherwise: 403,
  },
  'DELETE /v1/hotlines/:hotlineId': {
    // the first caller allowed retires the line; later allowed callers find it gone
    request: ({ hotline }) => ({ method: 'DELETE', url: `/v1/hotlines/${hotline}` }),
    expect: {
      school_admin: 404,
      counsellor: 204,
      district_admin: 404,
      secret_key: 404,
      other_tenant: 404,
      other_tenant_admin: 404,
      anonymous: 401,
    },
    otherwise: 403,
  },
};

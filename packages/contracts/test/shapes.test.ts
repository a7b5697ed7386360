import { describe, expect, it } from 'vitest';
import { ErrorBody, errorCodes, errorStatus } from '../src/errors.js';
import { WebhookEnvelope } from '../src/webhooks.js';
import { authorizationMatrix, resources } from '../src/authorization.js';
import { roles } from '../src/memberships.js';
import { OpaqueId } from '../src/ids.js';
import { PageQuery } from '../src/pagination.js';
import { IdempotencyKey, RequestId } from '../src/request-id.js';
import { EmbedTokenClaims, embedTokenAudience, embedTokenIssuer } from '../src/embed-sessions.js';
import { CaseEvent, CaseEventCreate, homeSchoolContactKinds } from '../src/cases.js';

describe('error body', () => {
  it('has a status for every code, 4xx or 5xx', () => {
    for (const code of errorCodes) {
      expect(errorStatus[code]).toBeGreaterThanOrEqual(400);
      expect(errorStatus[code]).toBeLessThan(600);
    }
  });
  it('rejects unknown codes and keeps details optional', () => {
    expect(ErrorBody.safeParse({ code: 'validation_failed', message: 'x' }).success).toBe(true);
    expect(ErrorBody.safeParse({ code: 'oops', message: 'x' }).success).toBe(false);
    expect(
      ErrorBody.safeParse({ code: 'already_submitted', message: 'x', details: { id: 'scr_1' } })
        .success,
    ).toBe(true);
  });
});

describe('webhook envelope', () => {
  const base = {
    id: 'evt_0123456789abcdef',
    type: 'alert.created',
    created: '2026-11-25T10:00:00Z',
  };
  it('carries ids only', () => {
    expect(
      WebhookEnvelope.safeParse({ ...base, data: { alertId: 'alt_0123456789abcdef' } }).success,
    ).toBe(true);
    expect(
      WebhookEnvelope.safeParse({ ...base, data: { recipientUserIds: ['usr_0123456789abcdef'] } })
        .success,
    ).toBe(true);
  });
  it('refuses anything that is not an id', () => {
    expect(WebhookEnvelope.safeParse({ ...base, data: { tier: 'critical' } }).success).toBe(false);
    expect(WebhookEnvelope.safeParse({ ...base, data: { studentId: '张三' } }).success).toBe(false);
    expect(
      WebhookEnvelope.safeParse({ ...base, type: 'screening.answers', data: {} }).success,
    ).toBe(false);
  });
});

describe('authorization matrix', () => {
  it('has a cell for every role and resource, and the secret key never reads answers or notes', () => {
    for (const subject of [...roles, 'secret_key'] as const) {
      for (const resource of resources)
        expect(authorizationMatrix[subject][resource]).toBeDefined();
    }
    expect(authorizationMatrix.secret_key.answers.reach).toBe('none');
    expect(authorizationMatrix.secret_key.notes.reach).toBe('none');
    expect(authorizationMatrix.secret_key.case_timeline.reach).toBe('none');
  });
  it('lets only counsellors read answers and notes of others', () => {
    const readers = roles.filter(
      (r) => !['none', 'self'].includes(authorizationMatrix[r].answers.reach),
    );
    expect(readers).toEqual(['counsellor']);
    const noteReaders = roles.filter((r) => authorizationMatrix[r].notes.reach !== 'none');
    expect(noteReaders).toEqual(['counsellor']);
  });
  it('gives district admins identity-free views only', () => {
    const d = authorizationMatrix.district_admin;
    expect([d.answers.reach, d.result.reach, d.case_timeline.reach, d.notes.reach]).toEqual([
      'none',
      'none',
      'none',
      'none',
    ]);
    expect(d.alerts.view).toBe('identity_free_counts');
  });
});

describe('identifiers', () => {
  it('accepts opaque ids and refuses names or student numbers', () => {
    expect(OpaqueId.safeParse('stu_01J9ZK3XW8Q4N2R5T7V9Y1B3D5').success).toBe(true);
    expect(OpaqueId.safeParse('张三').success).toBe(false);
    expect(OpaqueId.safeParse('2024010203').success).toBe(false);
  });
  it('bounds request ids, idempotency keys and page sizes', () => {
    expect(RequestId.safeParse('req-1').success).toBe(true);
    expect(RequestId.safeParse('has space').success).toBe(false);
    expect(IdempotencyKey.safeParse('short').success).toBe(false);
    expect(PageQuery.safeParse({ limit: '20' }).success).toBe(true);
    expect(PageQuery.safeParse({ limit: '0' }).success).toBe(false);
  });
});

describe('embed token claims', () => {
  const claims = {
    iss: embedTokenIssuer,
    aud: embedTokenAudience,
    sub: 'usr_0123456789abcdefghij',
    tid: 'ten_0123456789abcdefghij',
    jti: 'jti_0123456789abcdefghij',
    mem: [{ role: 'student', orgUnit: 'cls_0123456789abcdefghij' }],
    iat: 1_780_000_000,
    exp: 1_780_000_900,
  };
  it('reads the payload the server signs', () => {
    expect(EmbedTokenClaims.safeParse(claims).success).toBe(true);
  });
  it('refuses another audience, a missing tenant or roles without their unit', () => {
    expect(EmbedTokenClaims.safeParse({ ...claims, aud: 'urn:other' }).success).toBe(false);
    expect(EmbedTokenClaims.safeParse({ ...claims, tid: undefined }).success).toBe(false);
    expect(EmbedTokenClaims.safeParse({ ...claims, mem: [{ role: 'student' }] }).success).toBe(
      false,
    );
  });
});

describe('case events: when it happened, how a home–school contact took place', () => {
  const create = { type: 'home_school_contact', visibility: 'guardian' } as const;
  it('takes an optional occurredAt (an instant with its offset) and contactKind', () => {
    expect(CaseEventCreate.safeParse(create).success).toBe(true);
    expect(
      CaseEventCreate.safeParse({
        ...create,
        occurredAt: '2026-11-20T14:00:00+08:00',
        contactKind: 'home_visit',
      }).success,
    ).toBe(true);
    expect(homeSchoolContactKinds).toEqual(['home_visit', 'phone', 'school_meeting', 'online']);
    expect(CaseEventCreate.safeParse({ ...create, contactKind: 'letter' }).success).toBe(false);
    expect(CaseEventCreate.safeParse({ ...create, occurredAt: '2026-11-20 14:00' }).success).toBe(
      false,
    );
    expect(CaseEventCreate.safeParse({ ...create, occurredAt: '2026-11-20' }).success).toBe(false);
  });
  it('always answers occurredAt, and contactKind (null when there is none)', () => {
    const event = {
      id: 'cev_0123456789abcdefghij',
      type: 'home_school_contact',
      visibility: 'guardian',
      at: '2026-11-22T02:00:00Z',
      occurredAt: '2026-11-20T06:00:00Z',
      contactKind: 'home_visit',
      actorId: null,
      personId: null,
      referralId: null,
      stage: null,
      corrects: null,
    };
    expect(CaseEvent.safeParse(event).success).toBe(true);
    expect(CaseEvent.safeParse({ ...event, contactKind: null }).success).toBe(true);
    expect(CaseEvent.safeParse({ ...event, occurredAt: undefined }).success).toBe(false);
    expect(CaseEvent.safeParse({ ...event, contactKind: undefined }).success).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { Health, Readiness } from '@xinqiao/contracts/health';
import { createTestApp, type TestApp } from './support/app.js';
import { dbKind } from './support/db.js';

const Echo = z.strictObject({ name: z.string().check(z.maxLength(50)), count: z.number() });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    register: (app) => {
      app.post(
        '/test/echo/:thing',
        {
          config: { access: { principals: ['public'], resource: 'none' } },
          schema: { body: Echo, response: { 200: Echo } },
        },
        async (request) => request.body,
      );
      app.get(
        '/test/boom',
        { config: { access: { principals: ['public'], resource: 'none' } } },
        async () => {
          throw Object.assign(new Error('relation "secret_table" does not exist at SELECT 1'), {
            code: '42P01',
          });
        },
      );
    },
  });
});
afterAll(() => t.close());

const expectError = (
  res: { statusCode: number; json(): unknown },
  status: number,
  code: string,
) => {
  expect(res.statusCode).toBe(status);
  const body = ErrorBody.parse(res.json());
  expect(body.code).toBe(code);
  expect(body.requestId).toBeTruthy();
  return body;
};

describe('health', () => {
  it('GET /healthz answers Health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(Health.parse(res.json()).status).toBe('ok');
  });

  it('GET /readyz reports the database kind and no pending migrations', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    const body = Readiness.parse(res.json());
    expect(body).toMatchObject({ status: 'ready', database: dbKind() });
    expect(body.migrations.pending).toBe(0);
    expect(body.migrations.applied).toBeGreaterThan(0);
  });
});

describe('OpenAPI', () => {
  it('serves a 3.1 document listing the routes, generated from the zod schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    type Operation = {
      responses: Record<
        string,
        { content: Record<string, { schema: { properties: { status: { enum: string[] } } } }> }
      >;
    };
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
    const health =
      doc.paths['/healthz']!.get!.responses['200']!.content['application/json']!.schema;
    expect(health.properties.status.enum).toEqual(['ok', 'degraded']);
    expect(doc.paths['/openapi.json']).toBeUndefined();
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/docs'))).toBe(false);
  });

  it('serves the docs UI at /docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

describe('errors', () => {
  it('unknown route → 404 not_found', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/v1/nothing-here' }), 404, 'not_found');
  });

  it('malformed JSON → 400 invalid_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/test/echo/x',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "a",',
    });
    expectError(res, 400, 'invalid_json');
  });

  it('wrong types and unknown fields → 400 validation_failed with field issues', async () => {
    const wrong = expectError(
      await t.app.inject({ method: 'POST', url: '/test/echo/x', payload: { name: 5, count: 'x' } }),
      400,
      'validation_failed',
    );
    const paths = (wrong.details!.issues as Array<{ path: unknown[] }>).map((i) =>
      i.path.join('.'),
    );
    expect(paths).toEqual(expect.arrayContaining(['name', 'count']));
    expectError(
      await t.app.inject({
        method: 'POST',
        url: '/test/echo/x',
        payload: { name: 'a', count: 1, extra: true },
      }),
      400,
      'validation_failed',
    );
  });

  it('oversized body → 413 payload_too_large', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/test/echo/x',
      payload: { name: 'a', count: 1, pad: 'x'.repeat(1024 * 1024 + 10) },
    });
    expectError(res, 413, 'payload_too_large');
  });

  it('unsupported media type → 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/test/echo/x',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expectError(res, 415, 'unsupported_media_type');
  });

  it('internal errors → 500 without internals, logged without details', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test/boom' });
    const body = expectError(res, 500, 'internal_error');
    expect(res.body).not.toContain('secret_table');
    expect(res.body).not.toContain('at ');
    expect(body.details).toBeUndefined();
    const line = t.logs.find((l) => l.includes('request failed'))!;
    expect(line).toBeTruthy();
    expect(line).not.toContain('secret_table');
  });

  it('messages follow Accept-Language (zh-CN default, en on request)', async () => {
    const zh = (await t.app.inject({ method: 'GET', url: '/nope' })).json() as ErrorBody;
    expect(zh.message).toBe('未找到。');
    const en = (
      await t.app.inject({
        method: 'GET',
        url: '/nope',
        headers: { 'accept-language': 'en-US,en;q=0.9' },
      })
    ).json() as ErrorBody;
    expect(en.message).toBe('Not found.');
    const pref = (
      await t.app.inject({
        method: 'GET',
        url: '/nope',
        headers: { 'accept-language': 'fr, en;q=0.5, zh;q=0.8' },
      })
    ).json() as ErrorBody;
    expect(pref.message).toBe('未找到。');
  });
});

describe('request ids', () => {
  it('echoes a valid x-request-id', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'portal-abc.123' },
    });
    expect(res.headers['x-request-id']).toBe('portal-abc.123');
  });

  it('mints one when missing or invalid, and puts it in error bodies', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/nope',
      headers: { 'x-request-id': 'has spaces and 中文' },
    });
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(/^req_[0-9A-Z]{26}$/);
    expect((res.json() as ErrorBody).requestId).toBe(id);
  });
});

describe('logging', () => {
  it('logs route patterns, never raw URLs, query strings, bodies or credentials', async () => {
    t.logs.length = 0;
    await t.app.inject({
      method: 'POST',
      url: '/test/echo/SENTINEL_PATH?student=SENTINEL_QUERY',
      headers: { authorization: 'Bearer sk_SENTINEL_TOKEN', cookie: 'sid=SENTINEL_COOKIE' },
      payload: { name: 'SENTINEL_BODY', count: 1 },
    });
    await t.app.inject({ method: 'GET', url: '/unknown/SENTINEL_404?x=SENTINEL_Q2' });
    const all = t.logs.join('\n');
    expect(all).toContain('/test/echo/:thing');
    expect(all).toContain('(unmatched)');
    expect(all).not.toMatch(/SENTINEL/);
    const line = JSON.parse(t.logs.find((l) => l.includes('/test/echo/:thing'))!) as Record<
      string,
      unknown
    >;
    expect(line).toMatchObject({ method: 'POST', statusCode: 401 }); // a bad credential is refused even on a public route
    expect(line.requestId).toBeTruthy();
  });
});

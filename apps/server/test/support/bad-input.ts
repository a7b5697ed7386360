import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import type { Database } from '../../src/db/database.js';
import { dumpTables } from './dump.js';

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The standard bad-input battery for a route with a JSON body: malformed JSON, wrong types,
 * unknown fields, oversized, no credentials, a bad credential. Each must get its 4xx and code,
 * and leave every table exactly as it was.
 */
export async function expectBadInputRejected(
  app: FastifyInstance,
  database: Database,
  route: {
    method: Method;
    url: string;
    headers: Record<string, string>;
    valid: Record<string, unknown>;
    wrongTypes: Record<string, unknown>;
    /** The route's body limit (default 1 MiB). */
    bodyLimit?: number;
  },
): Promise<void> {
  const before = await dumpTables(database);
  const send = (o: Partial<InjectOptions>) =>
    app.inject({ method: route.method, url: route.url, ...o } as InjectOptions);
  const cases: Array<[string, Partial<InjectOptions>, number, string]> = [
    [
      'malformed JSON',
      { headers: { ...route.headers, 'content-type': 'application/json' }, payload: '{"x":' },
      400,
      'invalid_json',
    ],
    [
      'wrong types',
      { headers: route.headers, payload: route.wrongTypes },
      400,
      'validation_failed',
    ],
    [
      'unknown field',
      { headers: route.headers, payload: { ...route.valid, unexpectedField: 1 } },
      400,
      'validation_failed',
    ],
    [
      'oversized',
      {
        headers: route.headers,
        payload: { ...route.valid, pad: 'x'.repeat((route.bodyLimit ?? 1024 * 1024) + 1) },
      },
      413,
      'payload_too_large',
    ],
    ['no credentials', { payload: route.valid }, 401, 'unauthenticated'],
    [
      'unknown secret key',
      {
        headers: {
          ...route.headers,
          authorization: 'Bearer sk_0000000000000000000000000000000000000000',
        },
        payload: route.valid,
      },
      401,
      'unauthenticated',
    ],
    [
      'garbage token',
      { headers: { ...route.headers, authorization: 'Bearer not.a.jwt' }, payload: route.valid },
      401,
      'unauthenticated',
    ],
  ];
  for (const [name, opts, status, code] of cases) {
    const res = await send(opts);
    expect({ name, status: res.statusCode, code: (res.json() as ErrorBody).code }).toEqual({
      name,
      status,
      code,
    });
  }
  expect(await dumpTables(database)).toEqual(before);
}

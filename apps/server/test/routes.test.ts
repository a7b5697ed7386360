import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '@xinqiao/contracts/authorization';
import { roles } from '@xinqiao/contracts/memberships';
import { principalKinds } from '@xinqiao/contracts/principals';
import { createTestApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('route declarations', () => {
  it('every registered route declares its principals and its matrix entry', () => {
    const missing: string[] = [];
    for (const r of t.app.routeList) {
      const a = r.access;
      const ok =
        a !== undefined &&
        a.principals.length > 0 &&
        a.principals.every((p) => (principalKinds as readonly string[]).includes(p)) &&
        (a.resource === 'none' || (resources as readonly string[]).includes(a.resource)) &&
        (a.roles === undefined || a.roles.every((x) => (roles as readonly string[]).includes(x)));
      if (!ok) missing.push(`${r.method} ${r.url}`);
    }
    expect(missing).toEqual([]);
    expect(t.app.routeList.length).toBeGreaterThan(5);
  });

  it('no /v1 route is public except the ones meant to be', () => {
    const publicV1 = t.app.routeList
      .filter((r) => r.url.startsWith('/v1/') && r.access?.principals.includes('public'))
      .map((r) => `${r.method} ${r.url}`);
    expect(publicV1).toEqual([]);
  });
});

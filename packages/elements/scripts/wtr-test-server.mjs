// web-test-runner plugin: the REAL Xinqiao server for element tests that talk to the API.
//
// Started through @xinqiao/testkit (port 0, a copy of the migrated PGlite snapshot, a controllable
// clock) on the first request that needs it, once per `wtr` run, and closed when the run ends.
// Nothing is mocked. Test code in the page reaches it through same-origin JSON routes of
// the test runner's dev server:
//
//   GET /__xq/test-server/tenant            a fresh tenant (CORS: the test page's origin) with the
//                                           testkit roster → { url, tenant, schoolId, units, users, now }
//   GET /__xq/test-server/token?tenant&user an embed token for a roster user (external id)
//                                           → { token, personId }
//   GET /__xq/test-server/clock[?advance=ms] the server clock, moved forward → { now }
//   POST /__xq/test-server/roster?tenant     a RosterSync body, pushed with the tenant's secret
//                                           key to its school (`PUT /v1/schools/:id/roster`;
//                                           replaces the testkit roster) → the sync result
//   POST /__xq/test-server/parent-school/sessions?tenant
//                                           a ParentSchoolSessionCreate body, created with the
//                                           secret key (`POST /v1/parent-school/sessions`)
//   POST /__xq/test-server/parent-school/cancel?tenant&session
//                                           cancels a session with the secret key
//
// Each suite seeds its own tenant, so suites never see each other's data. The tenant's secret key
// stays here in Node; the page only ever gets embed tokens, as a portal page would.
// Browser side: src/test/real-server.ts.

import { randomUUID } from 'node:crypto';

const prefix = '/__xq/test-server/';

/** @param {import('koa').Context} context */
async function jsonBody(context) {
  const chunks = [];
  for await (const chunk of context.req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function realServerPlugin() {
  /** @type {Promise<import('@xinqiao/testkit/server').TestServer> | undefined} */
  let started;
  /** @type {Map<string, { secretKey: string, schoolId?: string }>} */
  const tenants = new Map();

  const server = () => {
    started ??= import('@xinqiao/testkit/server').then(({ startTestServer }) => startTestServer());
    return started;
  };

  /** A call of the real API with a tenant's secret key (it never leaves Node). */
  async function api(tenantId, method, path, body) {
    const tenant = tenants.get(String(tenantId));
    if (!tenant) throw new Error(`unknown tenant ${String(tenantId)}`);
    const s = await server();
    const response = await fetch(`${s.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tenant.secretKey}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body ?? {}),
    });
    const json = await response.json();
    if (!response.ok)
      throw new Error(`${method} ${path} → ${response.status} ${json.code}: ${json.message}`);
    return { tenant, json };
  }

  /** @param {import('koa').Context} context */
  async function handle(context) {
    const route = context.path.slice(prefix.length);
    const query = context.query;
    const s = await server();
    if (route === 'tenant') {
      const origin = context.origin;
      const alternate = origin.replace('//localhost', '//127.0.0.1');
      const tenant = await s.seedTenant({
        name: `wtr tenant ${tenants.size + 1}`,
        allowedOrigins: [...new Set([origin, alternate])],
      });
      tenants.set(tenant.tenantId, tenant);
      const roster = await s.seedRoster(tenant.secretKey);
      tenants.set(tenant.tenantId, { ...tenant, schoolId: roster.schoolId });
      return {
        url: s.url,
        tenant: tenant.tenantId,
        schoolId: roster.schoolId,
        units: roster.units,
        users: roster.users,
        now: s.clock.now().toISOString(),
      };
    }
    if (route === 'token') {
      const tenant = tenants.get(String(query.tenant));
      if (!tenant) throw new Error(`unknown tenant ${String(query.tenant)}`);
      const token = await s.tokenFor(String(query.user), tenant.secretKey);
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
      return { token, personId: claims.sub };
    }
    if (route === 'clock') {
      const advance = Number(query.advance ?? 0);
      if (advance > 0) s.clock.advance(advance);
      return { now: s.clock.now().toISOString() };
    }
    const post = context.method === 'POST';
    if (post && route === 'roster') {
      const schoolId = tenants.get(String(query.tenant))?.schoolId;
      const path = `/v1/schools/${encodeURIComponent(String(schoolId))}/roster`;
      return (await api(query.tenant, 'PUT', path, await jsonBody(context))).json;
    }
    if (post && route === 'parent-school/sessions') {
      const body = await jsonBody(context);
      return (await api(query.tenant, 'POST', '/v1/parent-school/sessions', body)).json;
    }
    if (post && route === 'parent-school/cancel') {
      const path = `/v1/parent-school/sessions/${encodeURIComponent(String(query.session))}/cancel`;
      return (await api(query.tenant, 'POST', path, {})).json;
    }
    throw new Error(`unknown route ${context.method} ${route}`);
  }

  return {
    name: 'xinqiao-real-server',
    async serve(context) {
      if (!context.path.startsWith(prefix)) return undefined;
      let body;
      try {
        body = await handle(context);
      } catch (error) {
        body = { error: error instanceof Error ? error.message : String(error) };
      }
      return { body: JSON.stringify(body), type: 'json', headers: { 'cache-control': 'no-store' } };
    },
    async serverStop() {
      if (started) await (await started).close();
    },
  };
}

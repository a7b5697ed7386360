import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { tokenIdentity } from '@xinqiao/sdk';
import { createServerClient } from '@xinqiao/sdk/server';
import { signatureFor } from '@xinqiao/server';
import { buildPortal, startPortal } from '../src/backend/app.js';
import { createDirectory, demoPeople, rosterOf } from '../src/backend/directory.js';
import { mayReceive } from '../src/backend/inbox.js';
import { syncRoster } from '../src/integration/sync-roster.js';
import { startDemoServer } from './support/demo-server.js';

const publicDir = fileURLToPath(new URL('../dist/public', import.meta.url));
const webhookSecret = 'whsec_portal_unit_test_secret';
let server: Awaited<ReturnType<typeof startDemoServer>>;
let portal: Awaited<ReturnType<typeof startPortal>>;

beforeAll(async () => {
  server = await startDemoServer();
  portal = await startPortal({
    apiUrl: server.url,
    publicDir,
    secretKey: server.secretKey,
    webhookSecret,
    registerWebhooks: false,
  });
});
afterAll(async () => {
  await portal?.close();
  await server?.close();
});

/** Signs in through the user picker's endpoint; returns the session cookie. */
async function login(externalId: string): Promise<string> {
  const res = await portal.app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { externalId },
  });
  expect(res.statusCode).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

describe('pages', () => {
  it('serves the built home page under a strict CSP', async () => {
    const res = await portal.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('示范教育云');
    expect(res.body).toMatch(/<script type="module"[^>]+src="\/assets\//);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${new URL(server.url).origin}`);
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
  });

  it('serves one page per role, the guardian one loading the CDN file with a plain tag', async () => {
    for (const page of [
      'student',
      'guardian',
      'teacher',
      'counsellor',
      'mentor',
      'admin',
      'district',
    ]) {
      const res = await portal.app.inject({ method: 'GET', url: `/${page}.html` });
      expect(res.statusCode, page).toBe(200);
    }
    const guardian = await portal.app.inject({ method: 'GET', url: '/guardian.html' });
    expect(guardian.body).toContain('<script type="module" src="/cdn/xinqiao/xinqiao.js"');
    const cdn = await portal.app.inject({ method: 'GET', url: '/cdn/xinqiao/xinqiao.js' });
    expect(cdn.statusCode).toBe(200);
    expect(cdn.headers['content-type']).toContain('javascript');
    expect(cdn.headers['access-control-allow-origin']).toBe('*');
  });

  it('reports the real Xinqiao server as up, and as unreachable when it is down', async () => {
    const up = await portal.app.inject({ method: 'GET', url: '/api/status' });
    expect(up.json()).toEqual({ xinqiao: 'ok' });
    const offline = await buildPortal({ apiUrl: 'http://127.0.0.1:9', publicDir });
    const down = await offline.inject({ method: 'GET', url: '/api/status' });
    expect(down.json()).toEqual({ xinqiao: 'unreachable' });
    await offline.close();
  });
});

describe('setup against the demo tenant', () => {
  it("syncs a roster identical to the server's demo seed (nothing created or ended)", async () => {
    const xinqiao = createServerClient({ baseUrl: server.url, secretKey: server.secretKey });
    const directory = createDirectory();
    const { results } = await syncRoster(xinqiao, directory.regions, {
      'demo-school-1': rosterOf(directory),
    });
    const { counts, warnings } = results[0]!;
    for (const kind of ['units', 'people', 'memberships', 'guardianships'] as const) {
      expect(counts[kind].created, kind).toBe(0);
      expect(counts[kind].ended, kind).toBe(0);
    }
    expect(warnings).toEqual([]);
  });

  it('knows the Xinqiao id of every person and created the semester campaign', () => {
    const { state, ids, directory } = portal.app.portal;
    expect(state.ready).toBe(true);
    expect(state.unresolved).toEqual([]);
    for (const p of directory.people) expect(ids.idOf(p.externalId), p.externalId).toMatch(/^per_/);
    expect(state.campaignId).toMatch(/^cmp_/);
  });
});

describe('login and embed tokens', () => {
  it('refuses a token to a visitor who is not signed in', async () => {
    const res = await portal.app.inject({ method: 'POST', url: '/portal/xinqiao-token' });
    expect(res.statusCode).toBe(401);
    const me = await portal.app.inject({ method: 'GET', url: '/api/me' });
    expect(me.statusCode).toBe(401);
  });

  it('refuses an unknown user', async () => {
    const res = await portal.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { externalId: 'nobody' },
    });
    expect(res.statusCode).toBe(400);
  });

  it('mints an embed token for the signed-in user only, and never shows the secret key', async () => {
    const cookie = await login(demoPeople.class_teacher);
    const res = await portal.app.inject({
      method: 'POST',
      url: '/portal/xinqiao-token',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(tokenIdentity(res.body)?.subject).toBe(
      portal.app.portal.ids.idOf(demoPeople.class_teacher),
    );
    const me = await portal.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json()).toMatchObject({
      user: { externalId: demoPeople.class_teacher, role: 'class_teacher' },
      page: '/teacher.html',
      apiUrl: server.url,
      context: { className: '七年级1班' },
    });
    expect(me.body).not.toContain(server.secretKey);
    expect(res.body).not.toContain(server.secretKey);
  });

  it('names students by scope: own class, own children, none for the district', async () => {
    const students = async (who: string) => {
      const cookie = await login(who);
      const res = await portal.app.inject({
        method: 'GET',
        url: '/api/students',
        headers: { cookie },
      });
      return (res.json() as { data: Array<{ name: string; className: string }> }).data;
    };
    const ofTeacher = await students(demoPeople.class_teacher);
    expect(ofTeacher).toHaveLength(5);
    expect(new Set(ofTeacher.map((s) => s.className))).toEqual(new Set(['七年级1班']));
    expect((await students(demoPeople.guardian)).map((s) => s.name)).toEqual(['王子涵']);
    expect(await students(demoPeople.district_admin)).toEqual([]);
    expect(await students(demoPeople.counsellor)).toHaveLength(30);
  });

  it('lets only the school admin change the school hours and on-call contact', async () => {
    const body = {
      schoolHours: { days: [1, 2, 3, 4, 5], open: '07:30', close: '17:30' },
      onCall: demoPeople.counsellor,
    };
    const teacher = await login(demoPeople.class_teacher);
    const refused = await portal.app.inject({
      method: 'PUT',
      url: '/api/school-settings',
      headers: { cookie: teacher },
      payload: body,
    });
    expect(refused.statusCode).toBe(403);
    const admin = await login(demoPeople.school_admin);
    const bad = await portal.app.inject({
      method: 'PUT',
      url: '/api/school-settings',
      headers: { cookie: admin },
      payload: { ...body, schoolHours: { days: [], open: '18:00', close: '07:00' } },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await portal.app.inject({
      method: 'PUT',
      url: '/api/school-settings',
      headers: { cookie: admin },
      payload: body,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ onCall: { externalId: demoPeople.counsellor } });
  });
});

describe('webhook receiver', () => {
  const envelope = (id: string, type: string, data: Record<string, unknown>) =>
    JSON.stringify({ id, type, created: new Date().toISOString(), data });
  const post = (body: string, signature?: string) =>
    portal.app.inject({
      method: 'POST',
      url: '/webhooks/xinqiao',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'xinqiao-signature': signature } : {}),
      },
      payload: body,
    });

  it('refuses an unsigned, a wrongly signed or an altered delivery', async () => {
    const body = envelope('evt_01HZZZZZZZZZZZZZZZZZZZZZZ1', 'alert.acknowledged', {
      alertId: 'alr_01HZZZZZZZZZZZZZZZZZZZZZZ1',
    });
    expect((await post(body)).statusCode).toBe(400);
    expect((await post(body, signatureFor('whsec_other', body, new Date()))).statusCode).toBe(400);
    const signed = signatureFor(webhookSecret, body, new Date());
    expect((await post(body.replace('acknowledged', 'created'), signed)).statusCode).toBe(400);
    const old = signatureFor(webhookSecret, body, new Date(Date.now() - 3600_000));
    expect((await post(body, old)).statusCode).toBe(400);
  });

  it('takes a verified event once and tells its staff recipients, never a guardian', async () => {
    const { ids } = portal.app.portal;
    const body = envelope('evt_01HZZZZZZZZZZZZZZZZZZZZZZ2', 'alert.created', {
      alertId: 'alr_01HZZZZZZZZZZZZZZZZZZZZZZ2',
      orgUnitId: portal.app.portal.state.schoolId,
      recipientUserIds: [ids.idOf(demoPeople.counsellor), ids.idOf(demoPeople.guardian)],
    });
    const signature = signatureFor(webhookSecret, body, new Date());
    expect((await post(body, signature)).statusCode).toBe(204);
    expect((await post(body, signature)).statusCode).toBe(204); // a redelivery
    await portal.app.portal.inbox.idle();
    const inbox = portal.app.portal.inbox;
    const messages = inbox
      .messagesFor(demoPeople.counsellor)
      .filter((m) => m.webhook.id === 'evt_01HZZZZZZZZZZZZZZZZZZZZZZ2');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ verified: true, title: '新的心理预警', channel: '微信' });
    expect(messages[0]!.detail).toBeNull(); // no such alert for this counsellor to read
    expect(inbox.messagesFor(demoPeople.guardian)).toEqual([]);
  });

  it('sends guardians parent-school news only', () => {
    const directory = createDirectory();
    const guardian = directory.byExternalId.get(demoPeople.guardian)!;
    const counsellor = directory.byExternalId.get(demoPeople.counsellor)!;
    for (const type of [
      'alert.created',
      'alert.escalated',
      'case.updated',
      'concern.created',
    ] as const) {
      expect(mayReceive(guardian, type)).toBe(false);
      expect(mayReceive(counsellor, type)).toBe(true);
    }
    expect(mayReceive(guardian, 'parent_school.signup.promoted')).toBe(true);
    expect(mayReceive(counsellor, 'parent_school.signup.promoted')).toBe(false);
  });
});

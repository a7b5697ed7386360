import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { createServerClient, type XinqiaoServerClient } from '@xinqiao/sdk/server';
import { embedTokenRoute } from '../integration/embed-token.js';
import { syncRoster } from '../integration/sync-roster.js';
import { registerWebhooks, webhookReceiver } from '../integration/webhooks.js';
import {
  ensureCampaign,
  ensureGuardianCampaign,
  guardianFormClass,
  recordPaperConsents,
} from './demo-data.js';
import {
  className,
  countyExternalId,
  createDirectory,
  demoPeople,
  roleLabels,
  rolePages,
  rosterOf,
  schoolExternalId,
  staffRoles,
  type Directory,
  type PortalPerson,
} from './directory.js';
import { IdMap, resolvePeople } from './ids.js';
import { Inbox } from './inbox.js';

export interface Clock {
  now(): Date;
}

export interface PortalOptions {
  /** Where this backend reaches the Xinqiao API. */
  apiUrl: string;
  /** Where pages reach the API (default `apiUrl`). */
  publicApiUrl?: string;
  /** The built pages (vite's output). */
  publicDir: string;
  /** The tenant's secret key; stays on this backend. */
  secretKey?: string;
  /** The webhook signing secret, when already configured (otherwise `setup` creates one). */
  webhookSecret?: string;
  /** The portal's clock (tests share the server's injected clock). */
  clock?: Clock;
  /** The CDN file of the elements (default: `@xinqiao/elements/cdn/xinqiao.js`). */
  cdnFile?: string;
}

export interface SetupOptions {
  /** The URL this portal is reached at (webhook URL and CORS origin). */
  publicUrl: string;
  /** Push the directory's roster (default true). */
  syncRoster?: boolean;
  /** Register `/webhooks/xinqiao` and create the signing secret (default: when none is set). */
  registerWebhooks?: boolean;
  /** Create the demo campaign and record the paper consents (default true). */
  demoData?: boolean;
}

export interface PortalState {
  ready: boolean;
  schoolId?: string;
  campaignId?: string;
  /** The guardian-filled PSC-17 campaign (guardians of `guardianFormClass`). */
  guardianCampaignId?: string;
  webhookUrl?: string;
  /** People whose Xinqiao id could not be learned (not in the roster yet). */
  unresolved: string[];
}

export interface PortalController {
  directory: Directory;
  ids: IdMap;
  inbox: Inbox;
  state: PortalState;
  xinqiao: XinqiaoServerClient;
  setup(options: SetupOptions): Promise<PortalState>;
}

declare module 'fastify' {
  interface FastifyInstance {
    portal: PortalController;
  }
}

const sessionCookie = 'portal_session';

function cookieValue(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function shanghaiToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

/** The demo portal's backend: its pages, its login, and the calls to Xinqiao with the secret key. */
export async function buildPortal(options: PortalOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const publicApiUrl = options.publicApiUrl ?? options.apiUrl;
  // #region guide:server-client
  // The portal backend's client. The secret key stays in this process (the demo can also run
  // without one, for its status line).
  const xinqiao = createServerClient({
    baseUrl: options.apiUrl,
    ...(options.secretKey ? { secretKey: options.secretKey } : {}),
  });
  // #endregion
  const directory = createDirectory();
  const ids = new IdMap();
  const inbox = new Inbox({ directory, ids, xinqiao, apiUrl: options.apiUrl, now: clock.now });
  const state: PortalState = { ready: false, unresolved: [] };
  let webhookSecret = options.webhookSecret;

  const sync = async () => {
    // #region guide:sync-call
    const { regions, schools } = await syncRoster(xinqiao, directory.regions, {
      [schoolExternalId]: rosterOf(directory),
    });
    // #endregion
    for (const u of [...regions, ...schools]) ids.units.set(u.externalId, u.id);
    return schools.find((s) => s.externalId === schoolExternalId)!.id;
  };

  const controller: PortalController = {
    directory,
    ids,
    inbox,
    state,
    xinqiao,
    async setup(o) {
      if (!options.secretKey) throw new Error('setup needs the secret key');
      state.schoolId = o.syncRoster === false ? undefined : await sync();
      if (o.registerWebhooks ?? !webhookSecret) {
        webhookSecret = await registerWebhooks(xinqiao, o.publicUrl);
        state.webhookUrl = new URL('/webhooks/xinqiao', o.publicUrl).href;
      }
      state.unresolved = await resolvePeople(xinqiao, directory, ids);
      state.schoolId ??= ids
        .membershipsOf(demoPeople.counsellor)
        .find((m) => m.role === 'counsellor')?.orgUnit;
      if (o.demoData !== false && state.schoolId) {
        state.campaignId = (await ensureCampaign(xinqiao, state.schoolId, clock.now())).id;
        state.guardianCampaignId = (
          await ensureGuardianCampaign(
            xinqiao,
            state.schoolId,
            ids.unit(guardianFormClass),
            clock.now(),
          )
        ).id;
        await recordPaperConsents(xinqiao, directory, ids);
      }
      state.ready = true;
      return state;
    },
  };
  app.decorate('portal', controller);

  // ---- the portal's own login: a user picker of the roster, kept in a cookie session ----
  const sessions = new Map<string, string>();
  const currentPerson = (request: FastifyRequest): PortalPerson | undefined => {
    const sid = cookieValue(request, sessionCookie);
    const externalId = sid ? sessions.get(sid) : undefined;
    return externalId ? directory.byExternalId.get(externalId) : undefined;
  };

  app.get('/api/status', async () => {
    const health = await xinqiao.health().catch(() => null);
    return { xinqiao: health?.status ?? 'unreachable' };
  });

  app.get('/api/people', async () => ({
    featured: Object.values(demoPeople).map((id) => personView(directory.byExternalId.get(id)!)),
    everyone: directory.people.map(personView),
  }));

  app.post<{ Body: { externalId?: unknown } }>('/api/login', async (request, reply) => {
    const externalId = request.body?.externalId;
    const person =
      typeof externalId === 'string' ? directory.byExternalId.get(externalId) : undefined;
    if (!person) return reply.code(400).send({ error: 'unknown user' });
    const sid = randomBytes(24).toString('base64url');
    sessions.set(sid, person.externalId);
    reply.header('set-cookie', `${sessionCookie}=${sid}; Path=/; HttpOnly; SameSite=Lax`);
    return { user: personView(person), page: rolePages[person.role] };
  });

  app.post('/api/logout', async (request, reply) => {
    const sid = cookieValue(request, sessionCookie);
    if (sid) sessions.delete(sid);
    reply.header('set-cookie', `${sessionCookie}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    return { ok: true };
  });

  app.get('/api/me', async (request, reply) => {
    const person = currentPerson(request);
    if (!person) return reply.code(401).send({ error: 'not signed in' });
    return {
      user: personView(person),
      page: rolePages[person.role],
      apiUrl: publicApiUrl,
      ready: state.ready,
      context: contextOf(person),
    };
  });

  /** Students the signed-in staff member may see by name (the portal's own data, scoped). */
  app.get('/api/students', async (request, reply) => {
    const person = currentPerson(request);
    if (!person) return reply.code(401).send({ error: 'not signed in' });
    return { data: studentsVisibleTo(person) };
  });

  /** Names of staff by Xinqiao id (for "acknowledged by", responsible adults, mentors). */
  app.get('/api/staff', async (request, reply) => {
    const person = currentPerson(request);
    if (!person || !staffRoles.includes(person.role))
      return reply.code(person ? 403 : 401).send({ error: 'staff only' });
    return {
      data: directory.people
        .filter((p) => staffRoles.includes(p.role) && p.role !== 'district_admin')
        .map((p) => ({ ...personView(p), id: ids.idOf(p.externalId) ?? null })),
    };
  });

  app.get('/api/messages', async (request, reply) => {
    const person = currentPerson(request);
    if (!person) return reply.code(401).send({ error: 'not signed in' });
    return { data: inbox.messagesFor(person.externalId) };
  });

  app.get('/api/school-settings', async (request, reply) => {
    const person = currentPerson(request);
    if (!person || !['school_admin', 'counsellor'].includes(person.role))
      return reply.code(person ? 403 : 401).send({ error: 'school staff only' });
    return settingsView();
  });

  app.put<{
    Body: { schoolHours?: { days?: unknown; open?: unknown; close?: unknown }; onCall?: unknown };
  }>('/api/school-settings', async (request, reply) => {
    const person = currentPerson(request);
    if (!person || person.role !== 'school_admin')
      return reply.code(person ? 403 : 401).send({ error: 'school admins only' });
    const b = request.body ?? {};
    const hours = b.schoolHours;
    const time = /^([01]\d|2[0-3]):[0-5]\d$/;
    const days = Array.isArray(hours?.days) ? hours.days.map(Number) : [];
    if (
      !hours ||
      typeof hours.open !== 'string' ||
      typeof hours.close !== 'string' ||
      !time.test(hours.open) ||
      !time.test(hours.close) ||
      hours.open >= hours.close ||
      days.length === 0 ||
      days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)
    )
      return reply.code(400).send({ error: '请填写有效的在校时间。' });
    const onCall = typeof b.onCall === 'string' ? directory.byExternalId.get(b.onCall) : undefined;
    if (b.onCall !== null && (!onCall || !staffRoles.includes(onCall.role)))
      return reply.code(400).send({ error: '请选择本校教职工作为值班联系人。' });
    const previous = directory.settings;
    directory.settings = {
      schoolHours: { days: [...new Set(days)].sort(), open: hours.open, close: hours.close },
      onCall: onCall?.externalId ?? null,
    };
    try {
      await sync();
    } catch {
      directory.settings = previous;
      return reply.code(502).send({ error: '同步到心桥失败，设置未更改。' });
    }
    return settingsView();
  });

  // #region guide:wiring
  embedTokenRoute(app, xinqiao, (request) => currentPerson(request));
  await webhookReceiver(app, {
    xinqiao,
    secret: () => webhookSecret,
    now: () => clock.now(),
    onEvent: (event) => inbox.receive(event),
  });
  // #endregion

  // The elements' CDN file, as a CDN would serve it (the guardian page loads it with a plain tag).
  const cdnFile =
    options.cdnFile ?? createRequire(import.meta.url).resolve('@xinqiao/elements/cdn/xinqiao.js');
  app.get('/cdn/xinqiao/xinqiao.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=300')
      .send(await readFile(cdnFile)),
  );

  // A strict policy on every page: the elements need no inline script or style (docs/csp.md).
  const apiOrigin = new URL(publicApiUrl).origin;
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      // #region guide:csp
      reply.header(
        'content-security-policy',
        [
          "default-src 'self'",
          "script-src 'self'", // + the CDN's origin if xinqiao.js comes from another host
          `connect-src 'self' ${apiOrigin}`, // the Xinqiao API
          "style-src 'self'",
          "img-src 'self' data:",
          "object-src 'none'",
          "base-uri 'none'",
          "frame-ancestors 'none'",
          "require-trusted-types-for 'script'",
          "trusted-types lit-html 'allow-duplicates'", // Lit's policy (two copies on one page)
        ].join('; '),
      );
      // #endregion
      reply.header('referrer-policy', 'no-referrer');
    }
    return payload;
  });
  await app.register(fastifyStatic, { root: options.publicDir });
  return app;

  function personView(p: PortalPerson) {
    return {
      externalId: p.externalId,
      name: p.name,
      role: p.role,
      roleLabel: roleLabels[p.role],
      className: className(directory, p.classExternalId),
    };
  }

  function settingsView() {
    const onCall = directory.settings.onCall
      ? directory.byExternalId.get(directory.settings.onCall)
      : undefined;
    return {
      schoolHours: directory.settings.schoolHours,
      onCall: onCall ? personView(onCall) : null,
      candidates: directory.people
        .filter((p) =>
          ['counsellor', 'school_admin', 'class_teacher', 'grade_leader'].includes(p.role),
        )
        .map(personView),
    };
  }

  function studentView(p: PortalPerson) {
    return {
      id: ids.idOf(p.externalId) ?? null,
      name: p.name,
      className: className(directory, p.classExternalId),
      classId: p.classExternalId ? (ids.unit(p.classExternalId) ?? null) : null,
    };
  }

  function studentsVisibleTo(viewer: PortalPerson) {
    const students = directory.people.filter((p) => p.role === 'student');
    const gradeOf = (classExternalId?: string) =>
      directory.classes.find((c) => c.externalId === classExternalId)?.grade;
    switch (viewer.role) {
      case 'student':
        return [studentView(viewer)];
      case 'guardian':
        return students.filter((s) => viewer.children?.includes(s.externalId)).map(studentView);
      case 'class_teacher':
        return students
          .filter((s) => s.classExternalId === viewer.classExternalId)
          .map(studentView);
      case 'grade_leader':
        return students
          .filter((s) => gradeOf(s.classExternalId) === viewer.gradeExternalId)
          .map(studentView);
      case 'counsellor':
      case 'school_admin':
      case 'volunteer':
        return students.map(studentView);
      default:
        return [];
    }
  }

  function contextOf(p: PortalPerson) {
    const base = {
      schoolId: state.schoolId ?? null,
      schoolName: directory.regions.schools[0]?.name ?? '',
      today: shanghaiToday(clock.now()),
    };
    switch (p.role) {
      case 'student':
        return {
          ...base,
          campaignId: state.campaignId ?? null,
          className: className(directory, p.classExternalId),
        };
      case 'guardian':
        return {
          ...base,
          campaignId: state.campaignId ?? null,
          guardianCampaignId: state.guardianCampaignId ?? null,
          children: studentsVisibleTo(p),
        };
      case 'class_teacher':
        return {
          ...base,
          classId: p.classExternalId ? (ids.unit(p.classExternalId) ?? null) : null,
          className: className(directory, p.classExternalId),
        };
      case 'grade_leader':
        return {
          ...base,
          gradeName: directory.grades.find((g) => g.externalId === p.gradeExternalId)?.name ?? '',
        };
      case 'district_admin':
        return {
          today: base.today,
          regionId: ids.unit(countyExternalId) ?? null,
          regionName: directory.regions.regions.find((r) => r.externalId === countyExternalId)
            ?.name,
        };
      default:
        return { ...base, campaignId: state.campaignId ?? null };
    }
  }
}

export interface StartPortalOptions
  extends PortalOptions, Partial<Omit<SetupOptions, 'publicUrl'>> {
  port?: number;
  host?: string;
  /** Default: the address it listens on. */
  publicUrl?: string;
  /** Skip `setup` (no secret key, or a test that calls it itself). */
  skipSetup?: boolean;
  /** How long to wait for the API before `setup` (default 120 s). */
  waitForApiMs?: number;
}

/** Builds, listens and sets up: what `main.ts` and the end-to-end harness call. */
export async function startPortal(options: StartPortalOptions) {
  const app = await buildPortal(options);
  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const url = options.publicUrl ?? address;
  if (!options.skipSetup && options.secretKey) {
    // `pnpm start` launches the API and the portal together: wait for the API first.
    const deadline = Date.now() + (options.waitForApiMs ?? 120_000);
    while (
      (await app.portal.xinqiao.health({ maxRetries: 0 }).catch(() => null))?.status !== 'ok'
    ) {
      if (Date.now() > deadline) {
        await app.close();
        throw new Error(`the Xinqiao API at ${options.apiUrl} did not answer`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    await app.portal.setup({
      publicUrl: url,
      ...(options.syncRoster !== undefined ? { syncRoster: options.syncRoster } : {}),
      ...(options.registerWebhooks !== undefined
        ? { registerWebhooks: options.registerWebhooks }
        : {}),
      ...(options.demoData !== undefined ? { demoData: options.demoData } : {}),
    });
  }
  return { app, url, close: () => app.close() };
}

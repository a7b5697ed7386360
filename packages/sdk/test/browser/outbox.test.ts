import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumLaunchOptions, findChromiumOrSkip } from '@xinqiao/testkit/chromium';
import { startTestServer } from '@xinqiao/testkit/server';
import type { TestServer } from '@xinqiao/testkit/server';
import type { OutboxRecord } from '../../src/index.js';
import { tokenIdentity } from '../../src/index.js';
import { createServerClient } from '../../src/server.js';
import type { XinqiaoServerClient } from '../../src/server.js';
import { regions, rosterBody } from '../support.js';
import { networkSwitch, servePage } from './harness.js';

// Without Chromium the suite is skipped, unless XINQIAO_REQUIRE_CHROMIUM=1: then this throws and
// the file fails.
const chromiumPath = findChromiumOrSkip();

type Report = { type: string; record: OutboxRecord; result: unknown };

let server: TestServer;
let sdk: XinqiaoServerClient;
let schoolId: string;
let page$: Awaited<ReturnType<typeof servePage>>;
let net: Awaited<ReturnType<typeof networkSwitch>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let reports: Report[];
/** What the "portal backend" hands the page when it asks for a token. */
let nextToken: () => Promise<string>;
let dbCounter = 0;
let dbName: string;
/** A fresh campaign per test (a student submits once per campaign). */
let campaignId: string;

const tokenFor = async (externalId: string, ttlSeconds?: number) =>
  (
    await sdk.embedSessions.create({
      user: { externalId },
      ...(ttlSeconds ? { ttlSeconds } : {}),
    })
  ).token;
const subjectOf = (token: string) => tokenIdentity(token)!.subject;
const gad7 = (v: number) => ({
  instrumentId: 'gad-7',
  answers: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`q${i + 1}`, v])),
});
const phqA = (item9: number) => ({
  instrumentId: 'phq-a',
  answers: {
    ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`q${i + 1}`, i === 8 ? item9 : 0])),
    q10: 'no' as const,
    q11: 0,
    q12: 'no' as const,
    q13: 'no' as const,
  },
});
async function newCampaign(instruments: string[]) {
  const campaign = await sdk.campaigns.create({
    name: `campaign ${dbCounter}`,
    schoolId,
    opensAt: '2026-09-01T00:00:00Z',
    closesAt: '2026-12-31T00:00:00Z',
    instruments,
    consentRequired: false,
    legalBasis: 'School health programme under the provincial education department notice.',
    acknowledgeUnvalidatedTranslations: [...instruments, 'asq'],
  });
  return campaign.id;
}
const screeningsStored = () =>
  server.db.db
    .selectFrom('screenings')
    .select(['id', 'student_id'])
    .where('campaign_id', '=', campaignId)
    .execute();
const signalsStored = () =>
  server.db.db
    .selectFrom('safety_signals')
    .select(['id', 'student_id', 'recorded_via'])
    .where('campaign_id', '=', campaignId)
    .execute();

describe.skipIf(!chromiumPath)('outbox in real Chromium against the real server', () => {
  beforeAll(async () => {
    page$ = await servePage();
    server = await startTestServer({ tenant: { allowedOrigins: [page$.url] } });
    sdk = createServerClient({ baseUrl: server.url, secretKey: server.secretKey! });
    const synced = await sdk.roster.syncRegions(regions);
    schoolId = synced.schools[0]!.id;
    await sdk.roster.upsert(schoolId, rosterBody());
    net = await networkSwitch(server.url);
    browser = await chromium.launch(chromiumLaunchOptions());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await net?.close();
    await server?.close();
    await page$?.close();
  });

  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext();
    page = await context.newPage();
    reports = [];
    dbName = `outbox-test-${++dbCounter}`;
    net.setDown(false);
    net.seen.length = 0;
    campaignId = await newCampaign(['gad-7']);
    await page.exposeFunction('__fetchToken', () => nextToken());
    await page.exposeFunction('__report', (type: string, record: OutboxRecord, result: unknown) => {
      reports.push({ type, record, result });
    });
  });

  /** (Re)loads the page and creates the client + outbox, as a page load would. */
  async function load(opts: { drainIntervalMs?: number } = {}) {
    await page.goto(page$.url);
    await page.waitForFunction(() => 'harness' in window);
    await page.evaluate((o) => window.harness.init(o), { apiUrl: net.url, dbName, ...opts });
  }
  const sent = () => reports.filter((r) => r.type === 'sent');
  const posts = () => net.seen.filter((s) => s.method === 'POST');
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it('queued while the server is unreachable, kept across a reload, drained exactly once on page load', async () => {
    const tokenA = await tokenFor('stu-1');
    nextToken = async () => tokenA;
    net.setDown(true);
    await load();

    const screening = await page.evaluate((body) => window.harness.submit(body), {
      campaignId,
      responses: [gad7(1)],
    });
    const signal = await page.evaluate((body) => window.harness.signal(body), {
      flag: 'suicidal-ideation' as const,
      observedAt: '2026-09-01T01:00:00Z',
      campaignId,
    });
    expect([screening.state, signal.state]).toEqual(['queued', 'queued']);

    // Reload while still offline: both are still there, the safety signal first.
    await load();
    const pending = await page.evaluate(() => window.harness.pending());
    expect(pending.map((r) => r.kind)).toEqual(['safety-signal', 'screening']);
    expect(pending.every((r) => r.attempts >= 1 && r.lastError?.name === 'ConnectionError')).toBe(
      true,
    );
    expect(await screeningsStored()).toEqual([]);

    // The server comes back; the next page load drains (the timer is off: creation does it).
    net.setDown(false);
    await load();
    await until(() => sent().length === 2, 'two sent events');
    expect(sent().map((r) => r.record.id)).toEqual([signal.id, screening.id]);
    expect(sent()[1]?.result).toMatchObject({
      id: expect.any(String),
      studentMessage: expect.any(String),
    });

    // Later loads and drains send nothing more.
    await load();
    await page.evaluate(() => window.harness.drain());
    expect(sent()).toHaveLength(2);
    expect(await page.evaluate(() => window.harness.pending())).toEqual([]);

    // Exactly one stored screening and one stored signal, under student A.
    const stored = await screeningsStored();
    expect(stored).toEqual([
      { id: (sent()[1]?.result as { id: string }).id, student_id: subjectOf(tokenA) },
    ]);
    const signals = (await signalsStored()).filter((r) => r.recorded_via === 'signal');
    expect(signals.map((r) => r.student_id)).toEqual([subjectOf(tokenA)]);
  });

  it('a lost answer after the server committed: the next drain replays it, one row', async () => {
    nextToken = async () => tokenFor('stu-1');
    await load();
    // Cut the connection as the answer comes back: the server has committed the screening.
    await page.route('**/v1/screenings', async (route) => {
      await route.fetch(); // the request reaches the server, which stores it
      await route.abort('connectionreset');
    });
    const first = await page.evaluate((body) => window.harness.submit(body), {
      campaignId,
      responses: [gad7(2)],
    });
    expect(first.state).toBe('queued');
    expect(await screeningsStored()).toHaveLength(1);
    await page.unroute('**/v1/screenings');
    await page.evaluate(() => window.harness.drain());
    expect(sent()).toHaveLength(1);
    expect((sent()[0]?.result as { id: string }).id).toBe((await screeningsStored())[0]?.id);
    expect(await screeningsStored()).toHaveLength(1);
  });

  it('two tabs drain one queue: each record is posted once (Web Locks)', async () => {
    nextToken = async () => tokenFor('stu-1');
    net.setDown(true);
    await load();
    const queued = await page.evaluate((body) => window.harness.submit(body), {
      campaignId,
      responses: [gad7(1)],
    });
    expect(queued.state).toBe('queued');
    const second = await context.newPage();
    await second.exposeFunction('__fetchToken', () => nextToken());
    await second.exposeFunction(
      '__report',
      (type: string, record: OutboxRecord, result: unknown) => {
        reports.push({ type, record, result });
      },
    );
    await second.goto(page$.url);
    await second.waitForFunction(() => 'harness' in window);
    await second.evaluate((o) => window.harness.init(o), { apiUrl: net.url, dbName });
    net.setDown(false);
    net.seen.length = 0;
    await Promise.all([
      page.evaluate(() => window.harness.drain()),
      second.evaluate(() => window.harness.drain()),
    ]);
    expect(sent()).toHaveLength(1);
    expect(posts().filter((p) => p.path === '/v1/screenings')).toHaveLength(1);
    expect(await screeningsStored()).toHaveLength(1);
  });

  it('drains on the browser’s online event', async () => {
    nextToken = async () => tokenFor('stu-1');
    await load();
    await context.setOffline(true);
    const queued = await page.evaluate((body) => window.harness.submit(body), {
      campaignId,
      responses: [gad7(0)],
    });
    expect(queued.state).toBe('queued');
    await context.setOffline(false);
    await until(() => sent().length === 1, 'a sent event after online');
    expect(sent()[0]?.record.id).toBe(queued.id);
    expect(await screeningsStored()).toHaveLength(1);
  });

  it('enqueue starts a drain by itself', async () => {
    nextToken = async () => tokenFor('stu-1');
    await load();
    const id = await page.evaluate((body) => window.harness.enqueueSignal(body), {
      flag: 'asq-positive' as const,
      observedAt: '2026-09-01T01:00:00Z',
      campaignId,
    });
    await until(() => sent().length === 1, 'a sent event after enqueue');
    expect(sent()[0]?.record.id).toBe(id);
    expect(reports.map((r) => r.type)).toEqual(['queued', 'sent']);
  });

  it('drains on the timer', async () => {
    nextToken = async () => tokenFor('stu-1');
    net.setDown(true);
    await load({ drainIntervalMs: 200 });
    await page.evaluate((body) => window.harness.submit(body), {
      campaignId,
      responses: [gad7(0)],
    });
    net.setDown(false);
    await until(() => sent().length === 1, 'a sent event from the timer');
    expect(await screeningsStored()).toHaveLength(1);
  });

  it('two students on one browser profile: each submission is stored under its own student', async () => {
    const tokenA = await tokenFor('stu-1');
    const tokenB = await tokenFor('stu-2');

    // A fills the form in the computer lab while the network is down.
    nextToken = async () => tokenA;
    net.setDown(true);
    await load();
    const a = await page.evaluate((body) => window.harness.submit(body), {
      campaignId,
      responses: [gad7(3)],
    });
    expect(a.state).toBe('queued');

    // B signs in on the same machine; the network is back. Nothing of A's goes out.
    nextToken = async () => tokenB;
    net.setDown(false);
    await load();
    await page.evaluate(() => window.harness.drain());
    expect(await page.evaluate(() => window.harness.pending())).toEqual([]); // B sees nothing of A
    expect(sent()).toHaveLength(0);
    expect(posts()).toHaveLength(0);
    const b = await page.evaluate((body) => window.harness.submit(body), {
      campaignId,
      responses: [gad7(1)],
    });
    expect(b.state).toBe('sent');

    // A signs in again: A's record goes out, with A's token, once.
    nextToken = async () => tokenA;
    await load();
    await until(() => sent().length === 2, "A's record sent");
    expect(sent().map((r) => [r.record.id, r.record.subject])).toEqual([
      [b.id, subjectOf(tokenB)],
      [a.id, subjectOf(tokenA)],
    ]);
    expect(posts().map((s) => [s.subject, s.status])).toEqual([
      [subjectOf(tokenB), 201],
      [subjectOf(tokenA), 201],
    ]);
    const stored = await screeningsStored();
    expect(stored.map((r) => r.student_id).sort()).toEqual(
      [subjectOf(tokenA), subjectOf(tokenB)].sort(),
    );
  });

  it('a refresh that hands back another student’s token cannot carry the record', async () => {
    const expiredA = await tokenFor('stu-1', 60);
    const tokenB = await tokenFor('stu-2');
    nextToken = async () => expiredA;
    net.setDown(true);
    await load();
    const a = await page.evaluate((body) => window.harness.submit(body), {
      campaignId,
      responses: [gad7(1)],
    });
    server.clock.advance(61_000); // A's token really expires on the server
    // The portal's session now belongs to B: a refresh returns B's token.
    nextToken = async () => tokenB;
    net.setDown(false);
    await page.evaluate(() => window.harness.drain());
    // One attempt with A's expired token, answered 401; B's token was never used for it.
    expect(posts().map((s) => [s.subject, s.status])).toEqual([[subjectOf(expiredA), 401]]);
    expect(sent()).toHaveLength(0);
    expect(await screeningsStored()).toEqual([]);
    // A's record is still queued for A and goes out with A's fresh token.
    nextToken = async () => tokenFor('stu-1');
    await load();
    await until(() => sent().length === 1, "A's record sent with A's fresh token");
    expect(sent()[0]?.record.id).toBe(a.id);
    expect((await screeningsStored()).map((r) => r.student_id)).toEqual([subjectOf(expiredA)]);
  });

  it('a refused screening moves to failed, keeping the safety signal the server stored', async () => {
    campaignId = await newCampaign(['gad-7', 'phq-a']);
    nextToken = async () => tokenFor('stu-1');
    await load();
    const first = await page.evaluate((body) => window.harness.submit(body), {
      campaignId,
      responses: [gad7(0), phqA(0)],
    });
    expect(first.state).toBe('sent');
    // A second submission (item 9 positive) is refused as already submitted; its signal is kept.
    const second = await page.evaluate((body) => window.harness.submit(body), {
      campaignId,
      responses: [gad7(0), phqA(2)],
    });
    expect(second.state).toBe('failed');
    const failed = await page.evaluate(() => window.harness.failed());
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      id: second.id,
      status: 'failed',
      safetySignalId: expect.any(String),
      lastError: { name: 'ConflictError', status: 409, code: 'already_submitted' },
    });
    const signals = await signalsStored();
    expect(signals.map((s) => s.id)).toContain(failed[0]?.safetySignalId);
    expect(reports.map((r) => r.type)).toEqual(['queued', 'sent', 'queued', 'failed']);
    expect(await page.evaluate(() => window.harness.pending())).toEqual([]);
  });

  it('drafts: per student and campaign, expire after 24 h, wiped when the student changes, off on shared devices', async () => {
    nextToken = async () => tokenFor('stu-1');
    await load();
    expect(await page.evaluate(() => window.harness.saveDraft('cmp_A', { q1: 2 }))).toBe(true);
    await load();
    expect(await page.evaluate(() => window.harness.loadDraft('cmp_A'))).toEqual({ q1: 2 });
    expect(await page.evaluate(() => window.harness.loadDraft('cmp_B'))).toBeUndefined();

    // 24 h later it is gone.
    await page.evaluate(() => window.harness.advance(24 * 60 * 60 * 1000 + 1));
    expect(await page.evaluate(() => window.harness.loadDraft('cmp_A'))).toBeUndefined();

    // Another student signs in: A's drafts are wiped, and stay wiped when A returns.
    await page.evaluate(() => window.harness.saveDraft('cmp_A', { q1: 3 }));
    nextToken = async () => tokenFor('stu-2');
    await load();
    expect(await page.evaluate(() => window.harness.loadDraft('cmp_A'))).toBeUndefined();
    nextToken = async () => tokenFor('stu-1');
    await load();
    expect(await page.evaluate(() => window.harness.loadDraft('cmp_A'))).toBeUndefined();

    // Shared devices: nothing is saved, and an existing draft is dropped.
    await page.evaluate(() => window.harness.saveDraft('cmp_A', { q1: 1 }));
    expect(await page.evaluate(() => window.harness.saveDraft('cmp_A', { q1: 4 }, true))).toBe(
      false,
    );
    expect(await page.evaluate(() => window.harness.loadDraft('cmp_A'))).toBeUndefined();
  });
});

// The test page: bundled with esbuild and served next to the real server. The node side drives
// it through `window.harness`, hears its outbox events through exposed functions that survive
// reloads (`__report`), and hands out embed tokens like a portal backend would (`__fetchToken`).
import type { ScreeningCreate } from '@xinqiao/contracts/screenings';
import type { SafetySignalCreate } from '@xinqiao/contracts/safety-signals';
import { createClient, createOutbox } from '../../src/index.js';
import type { OutboxRecord, XinqiaoClient, ClientOutbox } from '../../src/index.js';

declare global {
  interface Window {
    __fetchToken(): Promise<string>;
    __report(type: string, record: OutboxRecord, extra?: unknown): Promise<void>;
    harness: typeof harness;
  }
}

let client: (XinqiaoClient & { outbox: ClientOutbox }) | undefined;
let now = Date.now();

const harness = {
  init(opts: { apiUrl: string; dbName: string; drainIntervalMs?: number }) {
    client?.outbox.dispose();
    client = createClient({
      baseUrl: opts.apiUrl,
      fetchToken: () => window.__fetchToken(),
      maxRetries: 0,
      outbox: createOutbox({
        dbName: opts.dbName,
        drainIntervalMs: opts.drainIntervalMs ?? 0,
        now: () => now,
      }),
    });
    for (const type of ['queued', 'sent', 'failed'] as const) {
      client.outbox.addEventListener(type, (e) => {
        const extra = 'result' in e.detail ? e.detail.result : undefined;
        void window.__report(type, e.detail.record, extra);
      });
    }
    return true;
  },
  async submit(body: ScreeningCreate) {
    const outcome = await client!.screenings.submit(body);
    return { state: outcome.state, id: outcome.record.id };
  },
  async signal(body: SafetySignalCreate) {
    const outcome = await client!.safetySignals.send(body);
    return { state: outcome.state, id: outcome.record.id };
  },
  async enqueueSignal(body: SafetySignalCreate) {
    const record = await client!.outbox.enqueue({
      kind: 'safety-signal',
      campaignId: body.campaignId ?? '',
      body,
    });
    return record.id;
  },
  pending: () => client!.outbox.pending(),
  failed: () => client!.outbox.failed(),
  drain: () => client!.outbox.drain(),
  saveDraft: (campaignId: string, data: unknown, sharedDevices?: boolean) =>
    client!.screenings.saveDraft(campaignId, data, { sharedDevices }),
  loadDraft: (campaignId: string, sharedDevices?: boolean) =>
    client!.screenings.loadDraft(campaignId, { sharedDevices }),
  advance(ms: number) {
    now += ms;
  },
};

window.harness = harness;

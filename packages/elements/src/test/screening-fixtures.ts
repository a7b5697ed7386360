// Sample screening data for stories and rendering-state checks (not a server: the form's tests
// run against the real server). Definitions are the shipped ones of @xinqiao/instruments.
import type { Eligibility } from '@xinqiao/contracts/campaigns';
import type { InstrumentDefinition, RiskTier } from '@xinqiao/contracts/instruments';
import type { ScreeningReceipt } from '@xinqiao/contracts/screenings';
import { getInstrument } from '@xinqiao/instruments';
import type { FormAnswers, Insertion } from '../screening-form/form-model.js';
import type { SignalEntry } from '../screening-form/screening-form.js';
import type {
  Delivery,
  QueuedItem,
  ScreeningDataSource,
} from '../screening-form/screening-source.js';

export const sampleCampaign = 'cmp_01JBQ0000000000000000000';

export const definition = (id: string) => getInstrument(id) as InstrumentDefinition;

export function sampleEligibility(over: Partial<Eligibility> = {}): Eligibility {
  return {
    campaignId: sampleCampaign,
    studentId: 'stu_01JBQ0000000000000000000',
    eligible: true,
    reasons: [],
    missingConsents: [],
    existingScreeningId: null,
    instruments: ['phq-a', 'gad-7'],
    sharedDevices: false,
    opensAt: '2026-09-01T00:00:00Z',
    closesAt: '2026-12-31T00:00:00Z',
    ...over,
  };
}

/** PHQ-A answered up to item 9, which is "several days": the safety path's trigger. */
export const criticalAnswers: FormAnswers = {
  'phq-a': { q1: 2, q2: 1, q3: 1, q4: 0, q5: 1, q6: 1, q7: 0, q8: 0, q9: 1 },
};

/** A draft as the form saves it (the shape is the form's own; stories build states from it). */
export function sampleDraft(
  over: {
    answers?: FormAnswers;
    insertions?: Insertion[];
    cursor?: string;
    signals?: SignalEntry[];
    helpOpen?: boolean;
    eligibility?: Eligibility;
  } = {},
) {
  const eligibility = over.eligibility ?? sampleEligibility();
  return {
    v: 1,
    key: '3f1c8f0e-0b1a-4d2e-9c3b-5a6d7e8f9a0b',
    answers: over.answers ?? {},
    insertions: over.insertions ?? [],
    cursor: over.cursor ?? '',
    signals: over.signals ?? [],
    helpOpen: over.helpOpen ?? false,
    eligibility,
    definitions: [...eligibility.instruments, 'asq'].map(definition),
  };
}

export const signalEntry = (state: SignalEntry['state']): SignalEntry => ({
  flag: 'suicidal-ideation',
  instrumentId: 'phq-a',
  key: '0d5e6f70-8192-4a3b-8c4d-5e6f708192a3',
  observedAt: '2026-11-25T02:00:00Z',
  state,
});

/** A draft with the help panel open after PHQ-A item 9, the ASQ inserted next. */
export const helpDraft = (state: SignalEntry['state']) =>
  sampleDraft({
    answers: criticalAnswers,
    insertions: [{ instrumentId: 'asq', after: 'phq-a/q9' }],
    cursor: 'asq/q1',
    signals: [signalEntry(state)],
    helpOpen: true,
  });

/** Everything answered but the last GAD-7 question's submit. */
export const lastScreenDraft = () =>
  sampleDraft({
    eligibility: sampleEligibility({ instruments: ['gad-7'] }),
    answers: { 'gad-7': { q1: 1, q2: 0, q3: 1, q4: 0, q5: 0, q6: 1, q7: 0 } },
    cursor: 'gad-7/q7',
  });

export interface MemoryOptions {
  eligibility?: Eligibility;
  /** How loading fails: no connection, an API error, or never answering. */
  load?: 'ok' | 'offline' | 'error' | 'never';
  signal?: Delivery<unknown>['state'] | 'never';
  submit?: 'sent' | 'queued' | 'unsent' | 'closed' | 'already-with-signal' | 'never';
  tier?: RiskTier;
  draft?: unknown;
  queued?: QueuedItem[];
}

const apiError = (code: string, details?: Record<string, unknown>) =>
  Object.assign(new Error(code), { name: 'ApiError', code, ...(details ? { details } : {}) });
const offlineError = () => Object.assign(new Error('Failed to fetch'), { name: 'ConnectionError' });
const never = <T>() => new Promise<T>(() => {});

/**
 * An in-memory data source for stories: it answers the way the server and the SDK outbox do for
 * each state (eligible or not, a signal sent or kept on the device, a receipt with or without a
 * tier). It mirrors the documented behaviour so the UI's states can be shown; it is not the server.
 */
export function memoryScreeningSource(o: MemoryOptions = {}): ScreeningDataSource {
  let draft = o.draft;
  const load = o.load ?? 'ok';
  const fails = () =>
    load === 'never'
      ? never<never>()
      : Promise.reject(load === 'offline' ? offlineError() : apiError('internal_error'));
  return {
    eligibility: async () => (load === 'ok' ? (o.eligibility ?? sampleEligibility()) : fails()),
    definition: async (id) => (load === 'ok' ? definition(id) : fails()),
    async sendSafetySignal(body) {
      const state = o.signal ?? 'sent';
      if (state === 'never') return never();
      if (state === 'sent') {
        return {
          state,
          result: {
            id: 'sig_01JBQ0000000000000000000',
            flag: body.flag,
            alertId: 'alt_01JBQ0000000000000000000',
            recordedAt: '2026-11-25T02:00:01Z',
          },
        };
      }
      if (state === 'failed') return { state, error: apiError('not_found') };
      return { state, error: offlineError() } as Delivery<never>;
    },
    async submit(): Promise<Delivery<ScreeningReceipt>> {
      const state = o.submit ?? 'sent';
      switch (state) {
        case 'never':
          return never();
        case 'queued':
          return { state, error: offlineError() };
        case 'unsent':
          return { state, error: offlineError() };
        case 'closed':
          return { state: 'failed', error: apiError('campaign_closed') };
        case 'already-with-signal':
          return {
            state: 'failed',
            error: apiError('already_submitted', {
              safetySignalId: 'sig_01JBQ0000000000000000001',
            }),
            safetySignalId: 'sig_01JBQ0000000000000000001',
          };
        default:
          return {
            state: 'sent',
            result: {
              id: 'scr_01JBQ0000000000000000000',
              studentMessage:
                '谢谢你认真完成问卷。如果你现在感到难过或不安全，请马上告诉身边的老师或家长，也可以拨打求助热线。',
              ...(o.tier ? { tier: o.tier } : {}),
            },
          };
      }
    },
    queued: async () => o.queued ?? [],
    discard: async () => {},
    loadDraft: async <T>() => draft as T | undefined,
    saveDraft: async (_campaign, data, options) => {
      if (options.sharedDevices) return false;
      draft = data;
      return true;
    },
    clearDraft: async () => {
      draft = undefined;
    },
  };
}

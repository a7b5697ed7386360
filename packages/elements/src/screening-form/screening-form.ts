import type { Eligibility } from '@xinqiao/contracts/campaigns';
import type { AnswerValue, InstrumentDefinition, Option } from '@xinqiao/contracts/instruments';
import type { CriticalFlag, SafetySignalCreate } from '@xinqiao/contracts/safety-signals';
import type { ScreeningReceipt } from '@xinqiao/contracts/screenings';
import type { XinqiaoClient } from '@xinqiao/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorCode, isOfflineError } from '../base/offline.js';
import { XqElement } from '../base/xq-element.js';
import { consumeClient } from '../context/contexts.js';
import { XqErrorEvent } from '../events.js';
import { formatDateTime } from '../i18n/format.js';
import { LocalizeController } from '../i18n/localize.js';
import {
  buildScreens,
  buildSteps,
  byUrgency,
  criticalFlagsOf,
  followUpIds,
  followUpsOf,
  itemOf,
  newKey,
  responsesOf,
  stepKey,
  type FormAnswers,
  type Insertion,
  type Step,
} from './form-model.js';
import { XqCriticalEvent, XqSubmitEvent, XqSubmittedEvent } from './screening-form.events.js';
import { en, zh } from './screening-form.messages.js';
import { styles } from './screening-form.styles.js';
import {
  contentOf,
  screeningSourceFromClient,
  type Delivery,
  type DeliveryUpdate,
  type QueuedItem,
  type ScreeningDataSource,
} from './screening-source.js';

/**
 * Where the form stands (reflected as `data-state`):
 * `unavailable` (no API), `loading`, `offline` / `error` (could not load), `ineligible` (window,
 * consent, already submitted…), `intro`, `question`, `help` (the in-form help panel),
 * `submitting`, `queued` (kept on this device, goes out by itself), `submitted`, `rejected`
 * (the server refused the screening).
 */
export type ScreeningFormState =
  | 'unavailable'
  | 'loading'
  | 'offline'
  | 'error'
  | 'ineligible'
  | 'intro'
  | 'question'
  | 'help'
  | 'submitting'
  | 'queued'
  | 'submitted'
  | 'rejected';

/** Questions per screen: by the element's width (`auto`), always one, or grouped. */
export type ScreeningFormLayout = 'auto' | 'single' | 'grouped';

/** Where the school's alert stands (reflected as `data-safety`); `none` when no flag fired. */
export type SafetyState = 'none' | 'sending' | 'sent' | 'queued' | 'unsent' | 'failed';

/** One safety signal the form raised. */
export interface SignalEntry {
  flag: CriticalFlag;
  instrumentId: string;
  /** Idempotency key: the same on every attempt, on any page load. */
  key: string;
  observedAt: string;
  state: Exclude<SafetyState, 'none'>;
}

/** What the form keeps on the device between page loads (through the SDK's drafts). */
interface Draft {
  v: 1;
  key: string;
  answers: FormAnswers;
  insertions: Insertion[];
  cursor: string;
  signals: SignalEntry[];
  helpOpen: boolean;
  eligibility: Eligibility;
  definitions: InstrumentDefinition[];
}

const isDraft = (d: unknown): d is Draft =>
  !!d &&
  typeof d === 'object' &&
  (d as Draft).v === 1 &&
  typeof (d as Draft).key === 'string' &&
  typeof (d as Draft).answers === 'object' &&
  Array.isArray((d as Draft).insertions) &&
  Array.isArray((d as Draft).signals) &&
  Array.isArray((d as Draft).definitions);

const worst: SafetyState[] = ['failed', 'unsent', 'queued', 'sending', 'sent'];

const rejectionKey = {
  campaign_closed: 'rejectedClosed',
  consent_required: 'rejectedConsent',
  already_submitted: 'rejectedAlready',
  not_eligible: 'rejectedNotEligible',
} as const;

const reasonKey = {
  closed: 'closed',
  not_in_campaign: 'notInCampaign',
  consent_required: 'consentRequired',
  already_submitted: 'alreadySubmitted',
} as const;

const tierKey = {
  none: 'tierNone',
  attention: 'tierAttention',
  high: 'tierHigh',
  critical: 'tierCritical',
} as const;

/** Messages with a guardian-worded twin (`<key>Guardian`) in the catalogs. */
type Voiced = {
  [K in keyof typeof zh]: `${K}Guardian` extends keyof typeof zh ? K : never;
}[keyof typeof zh];

/**
 * A screening questionnaire for one campaign, for students on cheap phones and school networks.
 *
 * Before question 1 it asks the server whether the student may start (window, consent, already
 * submitted) and explains calmly when not; it loads every instrument definition it may need —
 * the follow-up ASQ included — so the adaptive rule works offline. One question per screen in
 * narrow containers, grouped blocks in wide ones (its own width, not the viewport's), with
 * progress, back/next, native radio groups and full keyboard use. Answers are saved as a draft
 * on the device (per signed-in student, 24 h, never on `sharedDevices` campaigns) and resume
 * after a reload.
 *
 * **Safety path.** When an answer raises a critical flag (computed in the browser by
 * `@xinqiao/instruments`: PHQ item 9, PHQ-A past-month ideation, an ASQ positive), the form
 * shows its help panel first — calm words, what to do now, `<xq-hotline-card variant="crisis">` —
 * sends a safety signal through the SDK outbox ahead of everything else, and inserts the ASQ
 * next. The panel says plainly whether the school has been told: while the signal has not
 * reached the server it says the school has NOT been told and whom to tell now.
 *
 * Submission goes through the SDK outbox: `sent` shows the campaign's result message (a tier only
 * when the result policy allows), `queued` says the answers are kept on this device. Needs a
 * provider whose client has an outbox (`createClient({ outbox: createOutbox() })`) to keep
 * anything on the device; with a plain client it sends directly and says so when it cannot.
 *
 * @summary Screening questionnaire with eligibility check, drafts, offline outbox and the safety path.
 * @tagname xq-screening-form
 * @event {XqSubmitEvent} xq-submit - The student submits (cancelable: `preventDefault()` sends nothing).
 * @event {XqSubmittedEvent} xq-submitted - Sent (`id`) or queued on the device; `tier` only if the result policy allows.
 * @event {XqCriticalEvent} xq-critical - A critical flag fired: the help panel is shown and a safety signal sent. Flags only, no answers.
 * @event {XqErrorEvent} xq-error - Loading or submitting failed (also shown in the form).
 * @csspart card - The form's box.
 * @csspart title - The heading.
 * @csspart notice - Loading, offline, error and ineligible messages.
 * @csspart intro - The start screen.
 * @csspart form - A question screen.
 * @csspart progress - Progress text and bar.
 * @csspart instructions - The instrument's instructions.
 * @csspart question - One question (a fieldset).
 * @csspart question-text - A question's text (the legend).
 * @csspart options - A question's answer options.
 * @csspart option - One answer option (label with its radio).
 * @csspart error - "Choose an answer" message.
 * @csspart nav - Back and next buttons.
 * @csspart primary-button - Start, next, submit, continue.
 * @csspart secondary-button - Back, retry, where to get help.
 * @csspart attribution - The instrument's source line.
 * @csspart help-panel - The in-form help panel.
 * @csspart help-status - Whether the school has been told.
 * @csspart safety-status - The short reminder of that status once the panel is closed.
 * @csspart result - The submitted, queued or refused message.
 * @cssproperty --xq-screening-form-background - Background (default: surface token).
 * @cssproperty --xq-screening-form-border-color - Border colour.
 * @cssproperty --xq-screening-form-radius - Corner radius.
 * @cssproperty --xq-screening-form-padding - Padding.
 * @cssproperty --xq-screening-form-accent - Buttons, progress and the chosen answer (default: primary).
 * @cssproperty --xq-screening-form-on-accent - Text on the accent colour.
 * @cssproperty --xq-screening-form-selected-background - Background of the chosen answer.
 * @cssproperty --xq-screening-form-help-border-color - Border of the help panel (default: danger).
 * @cssproperty --xq-screening-form-min-height - Reserved height, so the page does not jump.
 */
export class XqScreeningForm extends XqElement {
  static override styles = [XqElement.styles, styles];

  /** Opaque id of the campaign (`cmp_…`). */
  @property()
  campaign = '';

  /** A guardian filling a parent-report form names the child (opaque id); empty for a student. */
  @property({ attribute: 'student-id' })
  studentId = '';

  /** School or region whose local lines the help panel's hotline card adds (optional). */
  @property({ attribute: 'org-unit' })
  orgUnit = '';

  /** Questions per screen: `auto` (by the element's width), `single` or `grouped`. */
  @property({ reflect: true })
  layout: ScreeningFormLayout = 'auto';

  /** Heading level of the title (2–6), to fit the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' })
  headingLevel = 2;

  /**
   * The title, instead of the built-in one (心理健康小问卷, or 家长问卷 for a guardian). It also
   * names the form's region, so a page with several forms — a guardian with two children — gives
   * each its own, e.g. `家长问卷 · 李明`.
   */
  @property()
  label = '';

  /** Where data is read and sent; by default the provider's SDK client. */
  @property({ attribute: false })
  source: ScreeningDataSource | undefined = undefined;

  /** The clock of `observedAt` on safety signals (injectable for tests and demos). */
  @property({ attribute: false })
  now: () => Date = () => new Date();

  /** Where the form stands (read-only; reflected as `data-state`). */
  @state()
  formState: ScreeningFormState = 'loading';

  @state() private client: XinqiaoClient | undefined;
  @state() private eligibility: Eligibility | undefined;
  @state() private definitions = new Map<string, InstrumentDefinition>();
  @state() private answers: FormAnswers = {};
  @state() private insertions: Insertion[] = [];
  @state() private cursor = '';
  @state() private signals: SignalEntry[] = [];
  /** What the help panel's button does: go on to the next question, submit, or go back. */
  @state() private helpAfter: 'question' | 'submit' | 'back' = 'question';
  @state() private errorFor = '';
  @state() private unsent = false;
  @state() private resumed = false;
  @state() private receipt: ScreeningReceipt | undefined;
  @state() private rejection: { code: string; signalStored: boolean } | undefined;
  @state() private wide = false;

  private readonly i18n = new LocalizeController(this, { 'zh-CN': zh, en });

  /** A message in the voice of whoever answers: a guardian answering about a child (`student-id`). */
  private voice<K extends Voiced>(key: K): K | `${K}Guardian` {
    return this.studentId ? `${key}Guardian` : key;
  }
  private submissionKey = '';
  private run = 0;
  private abort: AbortController | undefined;
  private unwatch: (() => void) | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setInterval> | undefined;
  private focusTarget = '';
  private helpReturn: ScreeningFormState = 'question';
  private resize: ResizeObserver | undefined;
  private readonly onOnline = () => this.retryUnsent();

  constructor() {
    super();
    consumeClient(this, (client) => (this.client = client));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.onOnline);
    this.resize = new ResizeObserver(([entry]) => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const wide = (entry?.contentRect.width ?? 0) >= 40 * rem;
      // Next frame: re-rendering inside the observer's callback would resize it again in the same one.
      if (wide !== this.wide) requestAnimationFrame(() => (this.wide = wide));
    });
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.onOnline);
    this.resize?.disconnect();
    this.abort?.abort();
    this.unwatch?.();
    this.unwatch = undefined;
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.save();
    }
    clearInterval(this.retryTimer);
    this.retryTimer = undefined;
  }

  private get dataSource(): ScreeningDataSource | undefined {
    return this.source ?? screeningSourceFromClient(this.client);
  }

  /** Whether the school has been told about the critical flags raised so far. */
  get safetyState(): SafetyState {
    if (!this.signals.length) return 'none';
    return worst.find((s) => this.signals.some((x) => x.state === s)) ?? 'sent';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('campaign') ||
      changed.has('studentId') ||
      changed.has('source') ||
      changed.has('client' as keyof XqScreeningForm)
    ) {
      void this.load();
    }
  }

  protected override updated(): void {
    this.dataset['state'] = this.formState;
    this.dataset['safety'] = this.safetyState;
    if (this.focusTarget) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusTarget);
      this.focusTarget = '';
      target?.focus();
    }
  }

  /** Checks eligibility and loads the definitions again (after an error, or a new campaign). */
  async reload(): Promise<void> {
    await this.load();
  }

  // ── loading ──────────────────────────────────────────────────────────────────────────────

  private async load(): Promise<void> {
    const run = ++this.run;
    this.abort?.abort();
    this.unwatch?.();
    this.unwatch = undefined;
    this.reset();
    const source = this.dataSource;
    const campaign = this.campaign;
    if (!source || !campaign) {
      this.formState = 'unavailable';
      return;
    }
    this.formState = 'loading';
    const abort = (this.abort = new AbortController());
    const options = { signal: abort.signal };
    // Before anything is read from the outbox, so nothing it sends meanwhile goes unnoticed.
    this.unwatch = source.watch?.((update) => this.onUpdate(update));
    const stale = () => run !== this.run;

    // Eligibility (network) and what this device holds (IndexedDB) at the same time: on a slow
    // link the local reads cost nothing extra. The draft is read as on a personal device and
    // dropped below if the campaign says `sharedDevices`.
    const [asked, local] = await Promise.all([
      source
        .eligibility(
          campaign,
          // The definitions come with the answer: one round trip instead of three.
          { include: 'definitions', ...(this.studentId ? { studentId: this.studentId } : {}) },
          options,
        )
        .then(
          (eligibility) => ({ eligibility, failure: undefined as unknown }),
          (failure: unknown) => ({ eligibility: undefined, failure }),
        ),
      Promise.all([
        source.loadDraft?.<unknown>(campaign, {}).catch(() => undefined),
        source.queued?.(campaign).catch(() => []),
      ]),
    ]);
    if (stale()) return;
    const { eligibility, failure } = asked;
    let [draft] = local;
    const queued: QueuedItem[] = local[1] ?? [];
    if (eligibility?.sharedDevices && draft !== undefined) {
      draft = undefined;
      void source.clearDraft?.(campaign);
    }
    const saved = isDraft(draft) ? draft : undefined;
    this.restoreSignals(saved?.signals ?? [], queued);

    const pending = queued.find((q) => q.kind === 'screening' && q.status === 'pending');
    if (pending) {
      this.submissionKey = pending.key;
      this.eligibility = eligibility ?? saved?.eligibility;
      this.formState = 'queued';
      return;
    }
    for (const refused of queued.filter((q) => q.kind === 'screening')) {
      void source.discard?.(campaign, refused.key);
    }
    if (!eligibility) {
      if (saved && isOfflineError(failure)) {
        // Offline after a reload: the draft holds the eligibility and every definition needed.
        this.resume(saved, new Map(saved.definitions.map((d) => [d.id, d])));
        return;
      }
      this.loadFailed(failure);
      return;
    }
    this.eligibility = eligibility;
    if (!eligibility.eligible) {
      this.formState = 'ineligible';
      if (eligibility.reasons.includes('already_submitted')) void source.clearDraft?.(campaign);
      return;
    }
    let definitions: Map<string, InstrumentDefinition>;
    try {
      // Usually all here already (`include: 'definitions'`); a source without them, or a
      // licensed entry, goes through `definition()` as before.
      const given = (eligibility.definitions ?? []).flatMap((d) =>
        d.instrument.kind === 'content' ? [contentOf(d)] : [],
      );
      definitions = await this.loadDefinitions(source, eligibility.instruments, options, given);
    } catch (error) {
      if (stale()) return;
      if (saved && isOfflineError(error)) {
        this.resume(saved, new Map(saved.definitions.map((d) => [d.id, d])));
        return;
      }
      this.loadFailed(error);
      return;
    }
    if (stale()) return;
    if (saved) {
      this.resume({ ...saved, eligibility }, definitions);
    } else {
      this.definitions = definitions;
      this.submissionKey = newKey();
      this.formState = 'intro';
    }
  }

  private reset(): void {
    this.eligibility = undefined;
    this.definitions = new Map();
    this.answers = {};
    this.insertions = [];
    this.cursor = '';
    this.signals = [];
    this.errorFor = '';
    this.unsent = false;
    this.resumed = false;
    this.receipt = undefined;
    this.rejection = undefined;
    this.submissionKey = '';
  }

  /** Every definition the form may need: the campaign's, and the follow-ups their rules insert. */
  private async loadDefinitions(
    source: ScreeningDataSource,
    ids: readonly string[],
    options: { signal: AbortSignal },
    given: readonly InstrumentDefinition[] = [],
  ): Promise<Map<string, InstrumentDefinition>> {
    const out = new Map(given.map((d) => [d.id, d]));
    let wanted = [...new Set([...ids, ...given.flatMap(followUpIds)])].filter((id) => !out.has(id));
    while (wanted.length) {
      const loaded = await Promise.all(wanted.map((id) => source.definition(id, options)));
      for (const d of loaded) out.set(d.id, d);
      wanted = [...new Set(loaded.flatMap(followUpIds))].filter((id) => !out.has(id));
    }
    return out;
  }

  private resume(draft: Draft, definitions: Map<string, InstrumentDefinition>): void {
    this.eligibility = draft.eligibility;
    this.definitions = definitions;
    this.answers = draft.answers;
    this.insertions = draft.insertions.filter((i) => definitions.has(i.instrumentId));
    this.cursor = draft.cursor;
    this.submissionKey = draft.key;
    this.resumed = true;
    if (draft.helpOpen && this.signals.length) {
      this.helpAfter = 'question';
      this.formState = 'help';
    } else {
      this.formState = 'intro';
    }
    this.retryUnsent();
  }

  /** Signals from the draft, reconciled with the outbox: what left it meanwhile was sent. */
  private restoreSignals(saved: SignalEntry[], queued: QueuedItem[]): void {
    const inOutbox = new Map(
      queued.filter((q) => q.kind === 'safety-signal').map((q) => [q.key, q]),
    );
    const signals: SignalEntry[] = saved.map((s) => {
      const q = inOutbox.get(s.key);
      if (q) return { ...s, state: q.status === 'failed' ? 'failed' : 'queued' };
      // Sent, or queued earlier and gone from the outbox since: the outbox only drops what it sent.
      if (s.state === 'queued' || s.state === 'sent') return { ...s, state: 'sent' };
      return { ...s, state: s.state === 'sending' ? 'unsent' : s.state };
    });
    for (const q of inOutbox.values()) {
      if (signals.some((s) => s.key === q.key)) continue;
      signals.push({
        flag: q.flag as CriticalFlag,
        instrumentId: '',
        key: q.key,
        observedAt: '',
        state: q.status === 'failed' ? 'failed' : 'queued',
      });
    }
    this.signals = signals;
  }

  private loadFailed(error: unknown): void {
    const offline = isOfflineError(error);
    this.formState = offline ? 'offline' : 'error';
    this.fail(error, offline ? 'offline' : 'screening_unavailable');
  }

  private fail(error: unknown, fallback: string): void {
    this.emit(
      new XqErrorEvent(
        errorCode(error, fallback),
        error instanceof Error ? error.message : String(error),
      ),
    );
  }

  // ── the questions ────────────────────────────────────────────────────────────────────────

  private get steps(): Step[] {
    return buildSteps(
      this.eligibility?.instruments ?? [],
      this.insertions,
      this.definitions,
      this.answers,
    );
  }

  private get grouped(): boolean {
    return this.layout === 'grouped' || (this.layout === 'auto' && this.wide);
  }

  private get screens(): Step[][] {
    return buildScreens(this.steps, this.definitions, this.grouped);
  }

  private screenIndex(screens: Step[][]): number {
    const i = screens.findIndex((screen) => screen.some((s) => stepKey(s) === this.cursor));
    return i < 0 ? 0 : i;
  }

  private answerOf(step: Step): AnswerValue | undefined {
    return this.answers[step.instrumentId]?.[step.itemId];
  }

  private choose(step: Step, option: Option): void {
    this.answers = {
      ...this.answers,
      [step.instrumentId]: { ...this.answers[step.instrumentId], [step.itemId]: option.code },
    };
    if (this.errorFor === stepKey(step)) this.errorFor = '';
    this.unsent = false;
    this.scheduleSave();
  }

  private start(): void {
    const screens = this.screens;
    if (!this.cursor || this.screenIndex(screens) === 0) this.cursor = stepKey(screens[0]![0]!);
    this.formState = 'question';
    this.focusTarget = '#screen-heading';
    this.save();
  }

  private back(): void {
    const screens = this.screens;
    const i = this.screenIndex(screens);
    this.errorFor = '';
    this.unsent = false;
    if (i === 0) {
      this.formState = 'intro';
      this.focusTarget = '#intro-title';
    } else {
      this.cursor = stepKey(screens[i - 1]![0]!);
      this.focusTarget = '#screen-heading';
    }
    this.save();
  }

  private onKeydown(event: KeyboardEvent): void {
    // Enter on a radio submits the screen, as it does in a text field.
    if (event.key === 'Enter' && (event.target as HTMLInputElement).type === 'radio') {
      event.preventDefault();
      (event.currentTarget as HTMLFormElement).requestSubmit();
    }
  }

  private next(event: SubmitEvent): void {
    event.preventDefault();
    const screens = this.screens;
    const screen = screens[this.screenIndex(screens)] ?? [];
    const missing = screen.find((s) => this.answerOf(s) == null);
    if (missing) {
      this.errorFor = stepKey(missing);
      this.focusTarget = `fieldset[data-step="${stepKey(missing)}"] input`;
      return;
    }
    const last = screen[screen.length - 1];
    if (!last) return;
    const lastKey = stepKey(last);
    const instruments = [...new Set(screen.map((s) => s.instrumentId))];

    // The adaptive rule: insert follow-ups (the ASQ) right after this screen.
    let steps = this.steps;
    let at = steps.findIndex((s) => stepKey(s) === lastKey);
    for (const id of instruments) {
      for (const follow of followUpsOf(this.definitions.get(id)!, this.answers[id])) {
        if (!this.definitions.has(follow)) continue;
        if (this.insertions.some((i) => i.instrumentId === follow)) continue;
        const first = steps.findIndex((s) => s.instrumentId === follow);
        if (first !== -1 && first <= at) continue; // asked already
        this.insertions = [...this.insertions, { instrumentId: follow, after: lastKey }];
      }
    }
    steps = this.steps;
    at = steps.findIndex((s) => stepKey(s) === lastKey);
    const following = steps[at + 1];
    if (following) this.cursor = stepKey(following);

    const fresh = this.newFlags(
      instruments,
      (id) => !steps.slice(at + 1).some((s) => s.instrumentId === id),
    );
    if (fresh.length) {
      this.raise(fresh, following ? 'question' : 'submit');
      return;
    }
    if (!following) {
      void this.submitForm();
      return;
    }
    this.focusTarget = '#screen-heading';
    this.save();
  }

  /** Critical flags of these instruments not raised yet. */
  private newFlags(
    instruments: readonly string[],
    finished: (instrumentId: string) => boolean,
  ): Array<{ flag: CriticalFlag; instrumentId: string }> {
    const fresh: Array<{ flag: CriticalFlag; instrumentId: string }> = [];
    for (const id of instruments) {
      const definition = this.definitions.get(id);
      if (!definition) continue;
      for (const flag of criticalFlagsOf(definition, this.answers[id], finished(id))) {
        if (this.signals.some((s) => s.flag === flag) || fresh.some((f) => f.flag === flag))
          continue;
        fresh.push({ flag, instrumentId: id });
      }
    }
    return fresh.sort((a, b) => byUrgency(a.flag, b.flag));
  }

  // ── the safety path ──────────────────────────────────────────────────────────────────────

  /** Help panel first, the signal sent at once (before the draft, before the event), then the event. */
  private raise(
    fresh: Array<{ flag: CriticalFlag; instrumentId: string }>,
    after: 'question' | 'submit',
  ): void {
    const observedAt = this.now().toISOString();
    const entries: SignalEntry[] = fresh.map((f) => ({
      ...f,
      key: newKey(),
      observedAt,
      state: 'sending',
    }));
    this.signals = [...this.signals, ...entries];
    this.helpAfter = after;
    this.formState = 'help';
    this.focusTarget = '#help-title';
    for (const entry of entries) void this.deliverSignal(entry);
    this.save();
    this.emit(
      new XqCriticalEvent(
        this.campaign,
        fresh.map((f) => f.flag),
      ),
    );
  }

  private async deliverSignal(entry: SignalEntry): Promise<void> {
    const source = this.dataSource;
    if (!source) return;
    const body: SafetySignalCreate = {
      flag: entry.flag,
      observedAt: entry.observedAt || this.now().toISOString(),
      campaignId: this.campaign,
      ...(entry.instrumentId ? { instrumentId: entry.instrumentId } : {}),
      ...(this.studentId ? { studentId: this.studentId } : {}),
    };
    let delivery: Delivery<unknown>;
    try {
      delivery = await source.sendSafetySignal(body, entry.key);
    } catch (error) {
      delivery = { state: 'unsent', error };
    }
    this.setSignal(entry.key, delivery.state);
    if (delivery.state === 'unsent')
      this.retryTimer ??= setInterval(() => this.retryUnsent(), 15_000);
  }

  private setSignal(key: string, state: SignalEntry['state']): void {
    if (!this.signals.some((s) => s.key === key && s.state !== state)) return;
    this.signals = this.signals.map((s) => (s.key === key ? { ...s, state } : s));
    this.save();
  }

  /** Signals that could not be sent nor kept (no outbox): try again. */
  private retryUnsent(): void {
    const unsent = this.signals.filter((s) => s.state === 'unsent');
    if (!unsent.length) {
      clearInterval(this.retryTimer);
      this.retryTimer = undefined;
      return;
    }
    for (const entry of unsent) {
      this.setSignal(entry.key, 'sending');
      void this.deliverSignal(entry);
    }
  }

  private continueFromHelp(): void {
    const after = this.helpAfter;
    if (after === 'back') {
      this.formState = this.helpReturn;
      this.focusTarget =
        this.helpReturn === 'question'
          ? '#screen-heading'
          : this.helpReturn === 'intro'
            ? '#intro-title'
            : '#result-title';
    } else if (after === 'submit') {
      this.formState = 'question';
      void this.submitForm();
    } else {
      this.formState = 'question';
      this.focusTarget = '#screen-heading';
    }
    this.save();
  }

  private showHelp(): void {
    this.helpReturn = this.formState;
    this.helpAfter = 'back';
    this.formState = 'help';
    this.focusTarget = '#help-title';
  }

  /** Outbox news: a queued signal or screening went out (or was refused) since. */
  private onUpdate(update: DeliveryUpdate): void {
    if (update.kind === 'safety-signal') {
      this.setSignal(update.key, update.state === 'sent' ? 'sent' : 'failed');
      return;
    }
    if (update.key !== this.submissionKey || this.formState !== 'queued') return;
    if (update.state === 'sent') {
      this.sent(update.result as ScreeningReceipt);
    } else {
      this.refused(update.error, update.safetySignalId);
    }
  }

  // ── submission ───────────────────────────────────────────────────────────────────────────

  private async submitForm(): Promise<void> {
    const source = this.dataSource;
    if (!source) return;
    const steps = this.steps;
    // Safety first: a flag that only shows on the whole form (ASQ acuity unknown) is raised now.
    const fresh = this.newFlags([...new Set(steps.map((s) => s.instrumentId))], () => true);
    if (fresh.length) {
      this.raise(fresh, 'submit');
      return;
    }
    const responses = responsesOf(steps, this.answers);
    if (
      !this.emit(
        new XqSubmitEvent(
          this.campaign,
          responses.map((r) => r.instrumentId),
        ),
      )
    )
      return;
    this.formState = 'submitting';
    this.unsent = false;
    this.retryUnsent();
    let delivery: Delivery<ScreeningReceipt>;
    try {
      delivery = await source.submit(
        {
          campaignId: this.campaign,
          responses,
          ...(this.studentId ? { studentId: this.studentId } : {}),
        },
        this.submissionKey,
      );
    } catch (error) {
      delivery = { state: 'unsent', error };
    }
    switch (delivery.state) {
      case 'sent':
        this.sent(delivery.result);
        break;
      case 'queued':
        this.formState = 'queued';
        this.focusTarget = '#result-title';
        this.save();
        this.emit(new XqSubmittedEvent(this.campaign, 'queued', undefined, undefined));
        break;
      case 'unsent':
        this.formState = 'question';
        this.unsent = true;
        this.fail(delivery.error, 'offline');
        break;
      case 'failed':
        this.refused(delivery.error, delivery.safetySignalId);
        break;
    }
  }

  private sent(receipt: ScreeningReceipt): void {
    this.receipt = receipt;
    this.formState = 'submitted';
    this.focusTarget = '#result-title';
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    void this.dataSource?.clearDraft?.(this.campaign);
    this.emit(new XqSubmittedEvent(this.campaign, 'sent', receipt.id, receipt.tier));
  }

  private refused(error: unknown, safetySignalId: string | undefined): void {
    const code = errorCode(error, 'submit_failed');
    // The server stored the signal with its alert whatever else was wrong (the 4xx says so).
    if (safetySignalId) this.signals = this.signals.map((s) => ({ ...s, state: 'sent' }));
    this.rejection = { code, signalStored: !!safetySignalId };
    this.formState = 'rejected';
    this.focusTarget = '#result-title';
    const source = this.dataSource;
    void source?.discard?.(this.campaign, this.submissionKey);
    if (code === 'campaign_closed' || code === 'already_submitted') {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      void source?.clearDraft?.(this.campaign);
    }
    this.fail(error, 'submit_failed');
  }

  // ── the draft ────────────────────────────────────────────────────────────────────────────

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), 300);
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const source = this.dataSource;
    const eligibility = this.eligibility;
    if (!source?.saveDraft || !eligibility || !this.submissionKey) return;
    if (this.formState === 'submitted' || this.formState === 'rejected') return;
    const draft: Draft = {
      v: 1,
      key: this.submissionKey,
      answers: this.answers,
      insertions: this.insertions,
      cursor: this.cursor,
      signals: this.signals,
      helpOpen: this.formState === 'help',
      eligibility,
      definitions: [...this.definitions.values()],
    };
    source
      .saveDraft(this.campaign, draft, { sharedDevices: eligibility.sharedDevices })
      .catch(() => undefined);
  }

  // ── rendering ────────────────────────────────────────────────────────────────────────────

  private get level(): number {
    return Math.min(6, Math.max(2, Math.round(this.headingLevel) || 2));
  }

  override render() {
    const t = this.i18n;
    return html`<section
      class="card"
      part="card"
      aria-labelledby="title"
      aria-busy=${this.formState === 'loading' || this.formState === 'submitting' ? 'true' : 'false'}
    >
      <p class="title" part="title" id="title" role="heading" aria-level=${this.level}>
        ${this.label || t.t(this.voice('title'))}
      </p>
      ${this.formState === 'help' ? nothing : this.renderSafetyStrip()} ${this.renderBody()}
    </section>`;
  }

  private renderBody() {
    const t = this.i18n;
    switch (this.formState) {
      case 'loading':
        return html`<p class="notice" part="notice">${t.t('loading')}</p>`;
      case 'unavailable':
        return html`<p class="notice" part="notice">${t.t('unavailable')}</p>`;
      case 'offline':
      case 'error':
        return html`<div class="stack" role="alert">
          <p class="notice" part="notice">
            ${this.formState === 'offline' ? t.t('offline') : t.t(this.voice('loadError'))}
          </p>
          <div class="actions">
            <button type="button" class="secondary" part="secondary-button" @click=${this.reload}>
              ${t.t('retry')}
            </button>
          </div>
        </div>`;
      case 'ineligible':
        return this.renderIneligible();
      case 'intro':
        return this.renderIntro();
      case 'question':
      case 'submitting':
        return this.renderQuestions();
      case 'help':
        return this.renderHelp();
      default:
        return this.renderResult();
    }
  }

  private renderIneligible() {
    const t = this.i18n;
    const e = this.eligibility;
    const reasons = e?.reasons ?? [];
    const lines = reasons.map((r) =>
      r === 'not_open_yet'
        ? t.t('notOpenYet', formatDateTime(t.locale, e!.opensAt))
        : t.t(this.voice(reasonKey[r])),
    );
    const missing = reasons.includes('consent_required') ? (e?.missingConsents ?? []) : [];
    return html`<div class="stack" part="notice" data-reasons=${reasons.join(' ')}>
      ${lines.map((line) => html`<p class="sub">${line}</p>`)}
      ${
        missing.length
          ? html`<ul class="reasons">
              ${missing.map(
                (m) =>
                  html`<li>
                    ${m === 'guardian' ? t.t('missingGuardian') : t.t('missingHealthData')}
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      <p class="muted">${t.t(this.voice('ineligibleHelp'))}</p>
    </div>`;
  }

  private renderIntro() {
    const t = this.i18n;
    const shared = this.eligibility?.sharedDevices ?? false;
    const keeps = !!this.dataSource?.saveDraft;
    return html`<div class="stack" part="intro">
      <p
        class="sub"
        id="intro-title"
        tabindex="-1"
        role="heading"
        aria-level=${Math.min(6, this.level + 1)}
      >
        ${t.t(this.voice('introText'))}
      </p>
      ${this.resumed ? html`<p class="notice">${t.t(this.voice('resumed'))}</p>` : nothing}
      <p class="muted">${t.t('introTime', this.steps.length)}</p>
      <p class="muted">${t.t(this.voice('introPrivacy'))}</p>
      ${
        shared
          ? html`<p class="muted">${t.t('draftShared')}</p>`
          : keeps
            ? html`<p class="muted">${t.t(this.voice('draftOn'))}</p>`
            : nothing
      }
      <div class="actions">
        <button type="button" class="primary" part="primary-button" @click=${this.start}>
          ${this.resumed ? t.t('resume') : t.t('start')}
        </button>
      </div>
    </div>`;
  }

  private renderQuestions() {
    const t = this.i18n;
    const locale = t.locale;
    const screens = this.screens;
    const index = this.screenIndex(screens);
    const screen = screens[index] ?? [];
    const total = screens.length;
    const definition = this.definitions.get(screen[0]?.instrumentId ?? '');
    const last = index === total - 1;
    const busy = this.formState === 'submitting';
    const heading = this.grouped
      ? t.t('pageOf', index + 1, total)
      : t.t('questionOf', index + 1, total);
    return html`<form
      part="form"
      novalidate
      aria-labelledby="screen-heading"
      @submit=${this.next}
      @keydown=${this.onKeydown}
    >
      <div class="progress" part="progress">
        <p
          class="progress-text"
          id="screen-heading"
          tabindex="-1"
          role="heading"
          aria-level=${Math.min(6, this.level + 1)}
        >
          ${heading}
        </p>
        <progress max=${total} .value=${index + 1} aria-labelledby="screen-heading"></progress>
      </div>
      ${
        definition
          ? html`<p class="instructions" part="instructions">${definition.instructions[locale]}</p>`
          : nothing
      }
      ${screen.map((step) => this.renderQuestion(step))}
      ${this.unsent ? html`<p class="error" part="error" role="alert">${t.t(this.voice('unsentText'))}</p>` : nothing}
      <div class="nav" part="nav">
        <button
          type="button"
          class="secondary"
          part="secondary-button"
          ?disabled=${busy}
          @click=${this.back}
        >
          ${t.t('back')}
        </button>
        <button type="submit" class="primary" part="primary-button" ?disabled=${busy}>
          ${busy ? t.t('submitting') : last ? t.t('submit') : t.t('next')}
        </button>
      </div>
      ${
        definition?.attribution
          ? html`<p class="attribution" part="attribution">${definition.attribution}</p>`
          : nothing
      }
    </form>`;
  }

  private renderQuestion(step: Step) {
    const item = itemOf(this.definitions, step);
    if (!item) return nothing;
    const locale = this.i18n.locale;
    const key = stepKey(step);
    const name = key.replace('/', '-');
    const chosen = this.answerOf(step);
    const error = this.errorFor === key;
    const likert = item.options.every((o) => typeof o.code === 'number');
    const columns = item.options.length === 2 ? 'c2' : item.options.length === 3 ? 'c3' : '';
    return html`<fieldset
      part="question"
      data-step=${key}
      aria-describedby=${error ? `${name}-error` : nothing}
    >
      <legend part="question-text">${item.text[locale]}</legend>
      <div
        class="options ${likert || item.options.length <= 3 ? 'likert' : ''} ${columns}"
        part="options"
      >
        ${item.options.map(
          (option) =>
            html`<label class="option" part="option"
              ><input
                type="radio"
                name=${name}
                .value=${String(option.code)}
                .checked=${chosen === option.code}
                @change=${() => this.choose(step, option)}
              /><span>${option.label[locale]}</span></label
            >`,
        )}
      </div>
      <p class="error" part="error" id="${name}-error" role="alert">
        ${error ? this.i18n.t('chooseOne') : ''}
      </p>
    </fieldset>`;
  }

  private statusText(): string {
    const t = this.i18n;
    switch (this.safetyState) {
      case 'sent':
        return t.t('helpSent');
      case 'queued':
        return t.t('helpQueued');
      case 'unsent':
        return t.t('helpUnsent');
      case 'failed':
        return t.t('helpFailed');
      default:
        return t.t('helpSending');
    }
  }

  private renderHelp() {
    const t = this.i18n;
    const level = Math.min(6, this.level + 1);
    const state = this.safetyState;
    return html`<section class="help" part="help-panel" aria-labelledby="help-title">
      <p class="sub" id="help-title" tabindex="-1" role="heading" aria-level=${level}>
        ${t.t('helpTitle')}
      </p>
      <p>${t.t('helpIntro')}</p>
      <p class="status" part="help-status" data-status=${state} role="status">
        ${this.statusText()}
      </p>
      <p class="sub">${t.t('helpNowTitle')}</p>
      <ul>
        <li>${t.t('helpNow1')}</li>
        <li>${t.t('helpNow2')}</li>
        <li>${t.t('helpNow3')}</li>
      </ul>
      <xq-hotline-card
        variant="crisis"
        audience="student"
        org-unit=${this.orgUnit}
        heading-level=${Math.min(6, level + 1)}
      ></xq-hotline-card>
      <div class="actions">
        <button type="button" class="primary" part="primary-button" @click=${this.continueFromHelp}>
          ${
            this.helpAfter === 'back'
              ? t.t('helpClose')
              : this.helpAfter === 'submit'
                ? t.t('helpContinueSubmit')
                : t.t('helpContinue')
          }
        </button>
      </div>
    </section>`;
  }

  private renderSafetyStrip() {
    const state = this.safetyState;
    if (state === 'none') return nothing;
    const t = this.i18n;
    const text =
      state === 'sent'
        ? t.t('safetySent')
        : state === 'sending'
          ? t.t('safetySending')
          : t.t('safetyNotSent');
    return html`<div class="safety" part="safety-status" data-status=${state}>
      <p role="status">${text}</p>
      <button type="button" class="secondary" part="secondary-button" @click=${this.showHelp}>
        ${t.t('showHelp')}
      </button>
    </div>`;
  }

  private renderResult() {
    const t = this.i18n;
    const level = Math.min(6, this.level + 1);
    const heading = (text: string) =>
      html`<p class="sub" id="result-title" tabindex="-1" role="heading" aria-level=${level}>
        ${text}
      </p>`;
    if (this.formState === 'queued') {
      return html`<div class="stack" part="result">
        ${heading(t.t('queuedTitle'))}
        <p class="notice">${t.t('queuedText')}</p>
      </div>`;
    }
    if (this.formState === 'rejected') {
      const code = this.rejection?.code ?? '';
      const key = rejectionKey[code as keyof typeof rejectionKey] ?? 'rejectedOther';
      const voiced = key === 'rejectedClosed' ? key : this.voice(key);
      return html`<div class="stack" part="result" data-code=${code}>
        ${heading(t.t(voiced))}
        ${this.rejection?.signalStored ? html`<p class="notice">${t.t('rejectedSignalStored')}</p>` : nothing}
        <p class="muted">${t.t(this.voice('ineligibleHelp'))}</p>
      </div>`;
    }
    const receipt = this.receipt;
    // The server writes its message in the client's `locale` (Accept-Language); if that is not the
    // form's language, the form's own words are shown instead.
    const message = receipt?.studentMessage ?? '';
    const han = /\p{Script=Han}/u.test(message);
    const fits = message && (t.locale === 'zh-CN' ? han : !han);
    const names = (id: string) => this.definitions.get(id)?.abbreviation ?? id;
    return html`<div class="stack" part="result">
      ${heading(t.t(this.voice('submittedTitle')))}
      <p>${fits ? message : t.t(this.voice('submittedFallback'))}</p>
      ${receipt?.tier ? html`<p class="notice" data-tier=${receipt.tier}>${t.t(this.voice(tierKey[receipt.tier]))}</p>` : nothing}
      ${
        receipt?.scores?.length
          ? html`<ul class="reasons">
              ${receipt.scores
                .filter((s) => s.total !== null)
                .map((s) => html`<li>${t.t('score', names(s.instrumentId), String(s.total))}</li>`)}
            </ul>`
          : nothing
      }
    </div>`;
  }
}

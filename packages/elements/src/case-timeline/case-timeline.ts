import {
  caseStages,
  visibilities as allVisibilities,
  type Case,
  type CaseEvent,
  type CaseEventType,
  type CaseStageId,
  type StageState,
  type Visibility,
} from '@xinqiao/contracts/cases';
import { newIdempotencyKey, type XinqiaoClient } from '@xinqiao/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { errorCode, isOfflineError } from '../base/offline.js';
import { XqElement } from '../base/xq-element.js';
import { MinuteTick } from '../base/minute-tick.js';
import { consumeClient } from '../context/contexts.js';
import { XqErrorEvent } from '../events.js';
import { dateTimeFormat, formatDate, formatDateTime } from '../i18n/format.js';
import { LocalizeController } from '../i18n/localize.js';
import type { XqLocale } from '../i18n/locale.js';
import {
  bodyOf,
  contactKinds,
  counsellorOnlyKinds,
  defaultStageStatus,
  defaultVisibility,
  earliestOccurredAt,
  occurredKinds,
  offeredKinds,
  offeredReferrals,
  offeredTypes,
  referralsOf,
  stageOfType,
  typeOf,
  validate,
  type FieldProblem,
  type FormKind,
  type FormValues,
  type Referral,
} from './case-event-form.js';
import { icon, iconOfType } from './case-icons.js';
import { caseSourceFromClient, type CaseTimelineDataSource } from './case-source.js';
import { relativeDay, relativeTime, shanghaiDay, shanghaiLocalInput } from './case-time.js';
import { XqCaseEventAddedEvent } from './case-timeline.events.js';
import { en, zh } from './case-timeline.messages.js';
import { styles } from './case-timeline.styles.js';

/** Where the case stands: `unavailable` = no data source (no provider); `idle` = no `case-id`. */
export type CaseTimelineLoadState =
  'idle' | 'loading' | 'ready' | 'error' | 'offline' | 'unavailable';

/** A person the portal can name (ids are Xinqiao's opaque person ids; names stay in the portal). */
export interface CasePerson {
  id: string;
  name: string;
  /** Set for people who may be paired with the student: they are offered in the pairing form. */
  kind?: 'teacher' | 'volunteer' | 'counsellor';
}

interface DayGroup {
  day: string;
  events: CaseEvent[];
}

/** What every row of one timeline render shares (formatters and labels made once, not per row). */
interface RowContext {
  now: Date;
  locale: XqLocale;
  time: Intl.DateTimeFormat;
  stamp: Intl.DateTimeFormat;
  /** When an entry happened (`11月20日 14:00`) and the day it was recorded (`11月22日`). */
  happened: Intl.DateTimeFormat;
  recordedDay: Intl.DateTimeFormat;
  labels: Map<string, string>;
}

const kindKey = {
  teacher: 'kindTeacher',
  volunteer: 'kindVolunteer',
  counsellor: 'kindCounsellor',
} as const;

/** An entry written up more than this long after it happened says when it happened. */
const lateRecordMs = 3600_000;

/** Newest first: by time, then by id (ids are minted in time order). */
const newestFirst = (a: CaseEvent, b: CaseEvent) =>
  a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1;

/**
 * A student's case (一生一档 / 一生一策) as the signed-in adult may see it.
 *
 * The six steps — 测评建档, 师生结对, 积极干预, 同伴跟防, 家校协同, 及时转介 — are shown as parallel
 * stages (each open, done, or not needed with its reason), not as a line: a referral may come
 * first. Below them, the append-only timeline, grouped by day in Asia/Shanghai, newest first,
 * with typed icons and relative times. The element renders only what the server returns for the
 * caller (stages for school staff, notes for counsellors only, mentor entries for mentors) and
 * offers exactly the entry types in the case's `allowedEventTypes`: an add-entry form with fields
 * for each kind of entry (pairing: the responsible adult; home–school contact; referral: where to and
 * whose consent; closure: request and approval). Entries that record something that happened
 * ask when it happened (Beijing time; empty = now), a home–school contact how (家访, 电话,
 * 来校面谈, 线上沟通); an entry written up later says both when it happened and when it was
 * recorded. Corrections are new entries, never edits.
 *
 * Data comes from the provider's SDK client (`GET /v1/cases/:id`, `GET /v1/cases/:id/timeline`,
 * `POST /v1/cases/:id/events`); previews can set `source`. Long timelines stay fast: days are
 * keyed with `repeat`, off-screen days skip layout (`content-visibility`), and older entries are
 * rendered `page-size` at a time.
 *
 * @summary A case's six parallel stages and its append-only timeline, with the caller's actions.
 * @tagname xq-case-timeline
 * @event {XqCaseEventAddedEvent} xq-case-event-added - An entry was saved; `event.event` is the entry as the caller sees it.
 * @event {XqErrorEvent} xq-error - Loading the case or saving an entry failed (also shown in the element); `code` is the API error code.
 * @csspart case - The element's box.
 * @csspart header - Title, case status, dates and responsible adults.
 * @csspart title - The heading.
 * @csspart badge - The open/closed badge.
 * @csspart overdue - The "no responsible adult yet" warning.
 * @csspart stages - The six stages.
 * @csspart stage - One stage.
 * @csspart stage-status - A stage's status (and reason when not needed).
 * @csspart actions - The add-entry button and pending-closure notice.
 * @csspart add-button - The button that opens the add-entry form.
 * @csspart form - The add-entry form.
 * @csspart submit - The form's save button.
 * @csspart form-error - The form's error message (validation summary or the API's answer).
 * @csspart timeline - The timeline section.
 * @csspart day - One day of entries.
 * @csspart day-title - A day's heading (date and relative day).
 * @csspart event - One entry.
 * @csspart event-icon - An entry's typed icon.
 * @csspart occurred - "Happened … · recorded …", on an entry written up after it happened.
 * @csspart note - An entry's note (counsellors only).
 * @csspart more-button - "Show earlier entries".
 * @csspart problem - Loading, empty, error and offline messages.
 * @csspart retry - The retry button.
 * @csspart feedback - The live region announcing a saved entry.
 * @cssproperty --xq-case-timeline-background - Background (default: surface token).
 * @cssproperty --xq-case-timeline-border-color - Border colour.
 * @cssproperty --xq-case-timeline-radius - Corner radius.
 * @cssproperty --xq-case-timeline-padding - Padding.
 * @cssproperty --xq-case-timeline-accent - Buttons, icons and the done state (default: primary).
 * @cssproperty --xq-case-timeline-on-accent - Text on the accent colour.
 * @cssproperty --xq-case-timeline-rail-color - The line joining a day's entries (default: border).
 * @cssproperty --xq-case-timeline-warning-color - Overdue warning and pending closure (default: warning).
 * @cssproperty --xq-case-timeline-day-size - Height a not-yet-laid-out day reserves (default: 12rem).
 * @cssproperty --xq-case-timeline-min-height - Reserved height, so the page does not jump.
 */
export class XqCaseTimeline extends XqElement {
  static override styles = [XqElement.styles, styles];

  /** Opaque id of the case to show (`cas_…`). */
  @property({ attribute: 'case-id' })
  caseId = '';

  /** Heading level of the title (2–6); sections and days use the next levels. */
  @property({ type: Number, attribute: 'heading-level' })
  headingLevel = 2;

  /** Entries rendered at first and added by each "show earlier entries" (long timelines). */
  @property({ type: Number, attribute: 'page-size' })
  pageSize = 100;

  /**
   * People the portal can name: responsible adults, authors and pairing candidates. Without it,
   * adults are named by their role and the pairing form asks for the person's id.
   */
  @property({ attribute: false })
  people: readonly CasePerson[] = [];

  /**
   * Narrows the entry types offered further: the form offers the case's `allowedEventTypes` (what
   * the server lets this caller add now) that are also in this list. It never adds a type.
   */
  @property({ attribute: false })
  eventTypes: readonly CaseEventType[] | undefined = undefined;

  /** Narrows the visibility choices offered (e.g. `['mentor']` for a volunteer mentor). */
  @property({ attribute: false })
  visibilities: readonly Visibility[] | undefined = undefined;

  /** Where the case is read and written; by default the provider's SDK client. */
  @property({ attribute: false })
  source: CaseTimelineDataSource | undefined = undefined;

  /** The clock for relative times ("3 小时前"); injectable for tests and previews. */
  @property({ attribute: false })
  now: () => Date = () => new Date();

  /** State of the case (read-only; reflected as `data-state`). */
  @state()
  loadState: CaseTimelineLoadState = 'idle';

  /** The API error code of the last failed load (`not_found`, `forbidden`, `offline`…). */
  @state()
  errorCode = '';

  @state() private kase: Case | undefined;
  @state() private events: readonly CaseEvent[] = [];
  @state() private shown = 100;
  @state() private formOpen = false;
  @state() private kind: FormKind | '' = '';
  @state() private values: FormValues = {};
  @state() private corrects: CaseEvent | undefined;
  @state() private problems: Record<string, FieldProblem> = {};
  @state() private formError = '';
  @state() private busy = false;
  @state() private feedback = '';
  @state() private client: XinqiaoClient | undefined;

  private readonly i18n = new LocalizeController(this, { 'zh-CN': zh, en });
  private abort: AbortController | undefined;
  private sorted: CaseEvent[] = [];
  private readonly dayOf = new Map<string, string>();
  private lastBody = '';
  /** Entry types the caller may correct (set once per timeline render). */
  private correctable = new Set<FormKind>();
  private idempotencyKey = '';

  constructor() {
    super();
    consumeClient(this, (client) => (this.client = client));
    new MinuteTick(this); // Relative times ("5 分钟前") move with the clock.
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  /** The case as last loaded (read-only). */
  get case(): Case | undefined {
    return this.kase;
  }

  /** The entries the caller may see, newest first (read-only). */
  get entries(): readonly CaseEvent[] {
    return this.sorted;
  }

  /** Reloads the case and its timeline. */
  async reload(): Promise<void> {
    await this.load();
  }

  private get dataSource(): CaseTimelineDataSource | undefined {
    return this.source ?? caseSourceFromClient(this.client);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('caseId') ||
      changed.has('source') ||
      changed.has('client' as keyof XqCaseTimeline)
    ) {
      void this.load();
    }
    if (changed.has('pageSize') && this.shown < this.pageSize) this.shown = this.pageSize;
    if (changed.has('events' as keyof XqCaseTimeline)) {
      this.sorted = [...this.events].sort(newestFirst);
    }
  }

  protected override updated(): void {
    this.dataset['state'] = this.loadState;
  }

  private async load(): Promise<void> {
    const source = this.dataSource;
    this.abort?.abort();
    this.closeForm();
    if (!this.caseId) {
      this.loadState = 'idle';
      return;
    }
    if (!source) {
      this.loadState = 'unavailable';
      return;
    }
    const abort = (this.abort = new AbortController());
    this.loadState = 'loading';
    this.errorCode = '';
    try {
      const [kase, events] = await Promise.all([
        source.getCase(this.caseId, { signal: abort.signal }),
        source.timeline(this.caseId, { signal: abort.signal }),
      ]);
      if (abort.signal.aborted) return;
      this.kase = kase;
      this.events = events;
      this.shown = Math.max(1, Math.round(this.pageSize) || 100);
      this.loadState = 'ready';
    } catch (error) {
      if (abort.signal.aborted) return;
      const offline = isOfflineError(error);
      this.kase = undefined;
      this.events = [];
      this.loadState = offline ? 'offline' : 'error';
      this.errorCode = offline ? 'offline' : errorCode(error, 'case_unavailable');
      this.fail(error, this.errorCode);
    }
  }

  private fail(error: unknown, code: string): void {
    this.emit(new XqErrorEvent(code, error instanceof Error ? error.message : String(error)));
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────────────────

  private level(offset = 0): number {
    return Math.min(6, Math.max(2, Math.round(this.headingLevel) || 2) + offset);
  }

  private day(e: CaseEvent): string {
    return this.dayOfInstant(e.at);
  }

  private dayOfInstant(instant: string): string {
    let d = this.dayOf.get(instant);
    if (!d) {
      d = shanghaiDay(instant);
      this.dayOf.set(instant, d);
    }
    return d;
  }

  private nameOf(personId: string, kind?: CasePerson['kind']): string {
    const person = this.people.find((p) => p.id === personId);
    if (person) return person.name;
    const k = kind ?? this.kase?.responsibleAdults.find((r) => r.personId === personId)?.kind;
    return k ? this.i18n.t('personUnnamed', this.i18n.t(kindKey[k])) : '';
  }

  private typeLabel(type: CaseEventType | 'referral_step'): string {
    return this.i18n.t(`type_${type}` as 'type_note');
  }

  private stageLabel(stage: CaseStageId): string {
    return this.i18n.t(`stage_${stage}` as 'stage_assessment');
  }

  private statusLabel(state: StageState): string {
    return this.i18n.t(`status_${state.status}` as 'status_open');
  }

  private get actions(): readonly Case['allowedActions'][number][] {
    return this.kase?.state === 'open' ? this.kase.allowedActions : [];
  }

  /** The event types the form offers: the server's `allowedEventTypes`, narrowed by `eventTypes`. */
  private get types(): readonly CaseEventType[] {
    return this.kase?.state === 'open'
      ? offeredTypes(this.kase.allowedEventTypes, this.eventTypes)
      : [];
  }

  private memo: { events?: readonly CaseEvent[]; referrals: Referral[] } = { referrals: [] };

  /** Referrals in the timeline (recomputed only when the entries change). */
  private get referrals(): Referral[] {
    if (this.memo.events !== this.events)
      this.memo = { events: this.events, referrals: referralsOf(this.events) };
    return this.memo.referrals;
  }

  private get kinds(): FormKind[] {
    return offeredKinds(this.types, this.referrals);
  }

  /** Referrals with a next step the form offers (only those steps). */
  private get openReferrals(): Referral[] {
    return offeredReferrals(this.referrals, this.types);
  }

  private get visibilityChoices(): readonly Visibility[] {
    const narrowed = this.visibilities?.filter((v) => allVisibilities.includes(v));
    return narrowed?.length ? narrowed : allVisibilities;
  }

  // ── render ───────────────────────────────────────────────────────────────────────────────────

  override render() {
    const busy = this.loadState === 'loading';
    return html`<section
      class="card"
      part="case"
      aria-labelledby="title"
      aria-busy=${busy ? 'true' : 'false'}
    >
      ${this.renderHeader()}
      ${this.loadState === 'ready' ? this.renderCase() : this.renderProblem()}
      <p class="feedback" part="feedback" role="status">${this.feedback}</p>
    </section>`;
  }

  private renderHeader() {
    const kase = this.loadState === 'ready' ? this.kase : undefined;
    const locale = this.i18n.locale;
    const longDate = (at: string) =>
      dateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(
        new Date(at),
      );
    const adults = kase?.responsibleAdults.map((r) => this.nameOf(r.personId, r.kind)) ?? [];
    return html`<header class="header" part="header">
      <p class="title" part="title" id="title" role="heading" aria-level=${this.level()}>
        ${this.i18n.t('title')}
      </p>
      ${
        kase
          ? html`<p class="summary">
                <span class="badge ${kase.state}" part="badge"
                  >${kase.state === 'open' ? this.i18n.t('caseOpen') : this.i18n.t('caseClosed')}</span
                >
                <span>${this.i18n.t('openedOn', longDate(kase.openedAt))}</span>
                ${kase.closedAt ? html`<span>${this.i18n.t('closedOn', longDate(kase.closedAt))}</span>` : nothing}
              </p>
              ${
                adults.length
                  ? html`<p class="muted">
                      ${this.i18n.t('responsible', this.i18n.t('list', adults.filter(Boolean)))}
                    </p>`
                  : nothing
              }
              ${
                kase.overdue
                  ? html`<p class="warning" part="overdue">
                      ${icon('concern')}<span>${this.i18n.t('overdue')}</span>
                    </p>`
                  : nothing
              }`
          : nothing
      }
    </header>`;
  }

  private renderProblem() {
    const state = this.loadState;
    if (state === 'loading')
      return html`<p class="problem muted" part="problem">${this.i18n.t('loading')}</p>`;
    if (state === 'idle')
      return html`<p class="problem muted" part="problem">${this.i18n.t('noCase')}</p>`;
    if (state === 'unavailable')
      return html`<p class="problem muted" part="problem">${this.i18n.t('unavailable')}</p>`;
    const message =
      state === 'offline'
        ? this.i18n.t('offline')
        : this.errorCode === 'not_found'
          ? this.i18n.t('notFound')
          : this.errorCode === 'forbidden'
            ? this.i18n.t('forbidden')
            : this.i18n.t('loadError');
    const retry = state === 'offline' || !['not_found', 'forbidden'].includes(this.errorCode);
    return html`<div class="problem error" part="problem" role="alert" data-code=${this.errorCode}>
      <p>${message}</p>
      ${
        retry
          ? html`<button type="button" class="secondary" part="retry" @click=${this.reload}>
              ${this.i18n.t('retry')}
            </button>`
          : nothing
      }
    </div>`;
  }

  private renderCase() {
    return html`${this.renderStages()} ${this.renderActions()} ${this.renderTimeline()}`;
  }

  private renderStages() {
    const stages = this.kase?.stages;
    if (!stages) return nothing; // this caller's view has no stages (mentors, guardians, grade leaders)
    return html`<section class="stages-section" aria-labelledby="stages-title">
      <p class="section-title" id="stages-title" role="heading" aria-level=${this.level(1)}>
        ${this.i18n.t('stagesTitle')}
      </p>
      <p class="muted small">${this.i18n.t('stagesNote')}</p>
      <ul class="stages" part="stages">
        ${caseStages.map((id) => {
          const state = stages[id] ?? { status: 'open' as const };
          return html`<li class="stage" part="stage" data-stage=${id} data-status=${state.status}>
            <span class="stage-icon">${icon(state.status)}</span>
            <span class="stage-name">${this.stageLabel(id)}</span>
            <span class="stage-status" part="stage-status"
              >${this.statusLabel(state)}${
                state.status === 'not_needed'
                  ? html` <span class="reason">${this.i18n.t('reason', state.reason)}</span>`
                  : nothing
              }</span
            >
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private renderActions() {
    const kinds = this.kinds;
    if (!kinds.length) return nothing;
    return html`<div class="actions" part="actions">
        ${
          this.actions.includes('approve_closure')
            ? html`<p class="warning">
                ${icon('closure')}<span>${this.i18n.t('pendingClosure')}</span>
              </p>`
            : nothing
        }
        <button
          type="button"
          class="primary"
          part="add-button"
          aria-expanded=${this.formOpen ? 'true' : 'false'}
          aria-controls="entry-form"
          @click=${() => (this.formOpen ? this.closeForm() : this.openForm())}
        >
          ${this.formOpen ? this.i18n.t('closeForm') : this.i18n.t('addRecord')}
        </button>
      </div>
      <div id="entry-form" ?hidden=${!this.formOpen}>
        ${this.formOpen ? this.renderForm(kinds) : nothing}
      </div>`;
  }

  // ── timeline ────────────────────────────────────────────────────────────────────────────────

  private renderTimeline() {
    const all = this.sorted;
    const visible = all.slice(0, this.shown);
    const groups: DayGroup[] = [];
    for (const e of visible) {
      const day = this.day(e);
      const last = groups[groups.length - 1];
      if (last?.day === day) last.events.push(e);
      else groups.push({ day, events: [e] });
    }
    const now = this.now();
    const today = shanghaiDay(now);
    const locale = this.i18n.locale;
    const row: RowContext = {
      now,
      locale,
      time: dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      stamp: dateTimeFormat(locale, {
        month: 'short',
        day: 'numeric',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
      happened: dateTimeFormat(locale, {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
      recordedDay: dateTimeFormat(locale, { month: 'short', day: 'numeric' }),
      labels: new Map(),
    };
    const rest = all.length - visible.length;
    this.correctable = new Set(
      this.kinds.filter((k) => !k.startsWith('referral_') && !k.startsWith('closure_')),
    );
    return html`<section class="timeline" part="timeline" aria-labelledby="timeline-title">
      <p class="section-title" id="timeline-title" role="heading" aria-level=${this.level(1)}>
        ${this.i18n.t('timelineTitle')}
        <span class="muted small"
          >${this.i18n.t('eventCount', all.length)}${all.length > 1 ? ` · ${this.i18n.t('timelineOrder')}` : ''}</span
        >
      </p>
      ${
        all.length
          ? html`<ol class="days">
              ${repeat(
                groups,
                (g) => g.day,
                (g) => this.renderDay(g, today, row),
              )}
            </ol>`
          : html`<p class="problem muted" part="problem">${this.i18n.t('empty')}</p>`
      }
      ${
        rest > 0
          ? html`<button type="button" class="secondary" part="more-button" @click=${this.showMore}>
              ${this.i18n.t('showEarlier', rest)}
            </button>`
          : nothing
      }
    </section>`;
  }

  private renderDay(group: DayGroup, today: string, row: RowContext) {
    const locale = row.locale;
    return html`<li class="day" part="day" data-day=${group.day}>
      <p class="day-title" part="day-title" role="heading" aria-level=${this.level(2)}>
        <time datetime=${group.day}>${formatDate(locale, `${group.day}T12:00:00+08:00`)}</time>
        <span class="muted">${relativeDay(locale, group.day, today)}</span>
      </p>
      <ol class="events">
        ${repeat(
          group.events,
          (e) => e.id,
          (e) => this.renderEvent(e, row),
        )}
      </ol>
    </li>`;
  }

  private renderEvent(e: CaseEvent, row: RowContext) {
    const { locale, now } = row;
    /** A message without arguments, looked up once per render. */
    const label = (key: string) => {
      let text = row.labels.get(key);
      if (text === undefined) {
        text = this.i18n.t(key as 'note');
        row.labels.set(key, text);
      }
      return text;
    };
    const at = new Date(e.at);
    const stamp = row.stamp.format(at);
    const typeLabel = e.contactKind
      ? this.i18n.t('withContactKind', label(`type_${e.type}`), label(`contact_${e.contactKind}`))
      : label(`type_${e.type}`);
    const details: TemplateResult[] = [];
    // Written up later (another day, or more than an hour after): say when it happened.
    const occurred = e.occurredAt ? new Date(e.occurredAt) : at;
    if (
      at.getTime() - occurred.getTime() > lateRecordMs ||
      (occurred < at && this.dayOfInstant(e.occurredAt) !== this.day(e))
    )
      details.push(
        html`<p class="occurred small" part="occurred" data-occurred=${e.occurredAt}>
          ${this.i18n.t('occurredRecorded', row.happened.format(occurred), row.recordedDay.format(at))}
        </p>`,
      );
    if (e.type === 'pairing_assigned' && e.personId) {
      const name = this.nameOf(e.personId);
      if (name) details.push(html`<p>${this.i18n.t('pairedWith', name)}</p>`);
    }
    if (e.stage) {
      const s = e.stage.state;
      details.push(
        html`<p class="stage-change" data-stage=${e.stage.id} data-status=${s.status}>
          ${this.i18n.t('stageChange', this.stageLabel(e.stage.id), this.statusLabel(s))}${
            s.status === 'not_needed' ? html` · ${this.i18n.t('reason', s.reason)}` : nothing
          }
        </p>`,
      );
    }
    if (e.corrects) {
      const target = this.events.find((x) => x.id === e.corrects);
      details.push(
        html`<p class="muted">
          ${
            target
              ? this.i18n.t(
                  'corrects',
                  `${this.typeLabel(target.type)} · ${formatDateTime(locale, target.at)}`,
                )
              : this.i18n.t('correctsEarlier')
          }
        </p>`,
      );
    }
    const actor = e.actorId === null ? '' : this.nameOf(e.actorId);
    const author =
      e.actorId === null ? label('system') : actor ? this.i18n.t('recordedBy', actor) : '';
    const correctable = this.correctable.has(e.type);
    return html`<li
      class="event"
      part="event"
      data-event=${e.id}
      data-type=${e.type}
      data-visibility=${e.visibility}
      tabindex="-1"
    >
      <span class="event-icon" part="event-icon" data-icon=${iconOfType[e.type]}
        >${icon(iconOfType[e.type])}</span
      >
      <div class="event-body">
        <p class="event-head">
          <span class="event-type">${typeLabel}</span>
          <time datetime=${e.at} title=${stamp}>${row.time.format(at)}</time>
          <span class="muted small">${relativeTime(locale, at, now)}</span>
        </p>
        <p class="event-meta small">
          <span class="visibility">${label(`vis_${e.visibility}`)}</span>
          ${author ? html`<span class="muted">${author}</span>` : nothing}
        </p>
        ${details}
        ${
          e.note
            ? html`<div class="note" part="note">
                <p class="note-label small">${label('note')}</p>
                <p class="note-text">${e.note}</p>
              </div>`
            : nothing
        }
        ${
          correctable
            ? html`<button
                type="button"
                class="link"
                aria-label="${label('correct')} · ${typeLabel} · ${stamp}"
                @click=${() => this.openForm(e)}
              >
                ${label('correct')}
              </button>`
            : nothing
        }
      </div>
    </li>`;
  }

  private async showMore(): Promise<void> {
    const first = this.sorted[this.shown];
    this.shown += Math.max(1, Math.round(this.pageSize) || 100);
    await this.updateComplete;
    // Keyboard users land on the first entry that just appeared, not on <body>.
    if (first) this.renderRoot.querySelector<HTMLElement>(`[data-event="${first.id}"]`)?.focus();
  }

  // ── add-entry form ──────────────────────────────────────────────────────────────────────────

  private openForm(corrects?: CaseEvent): void {
    const kinds = this.kinds;
    this.corrects = corrects;
    this.formOpen = true;
    this.problems = {};
    this.formError = '';
    this.feedback = '';
    this.values = {};
    this.setKind(corrects ? corrects.type : (kinds[0] ?? ''));
    void this.updateComplete.then(() =>
      this.renderRoot
        .querySelector<HTMLElement>(
          '[part="form"] select, [part="form"] input, [part="form"] textarea',
        )
        ?.focus(),
    );
  }

  private closeForm(): void {
    this.formOpen = false;
    this.corrects = undefined;
    this.problems = {};
    this.formError = '';
  }

  private setKind(kind: FormKind | ''): void {
    this.kind = kind;
    if (!kind) return;
    const referral = kind === 'referral_step' ? this.openReferrals[0] : undefined;
    const step = referral?.next[0];
    const visibility = defaultVisibility(kind, step);
    const choices = this.visibilityChoices;
    const type = kind === 'referral_step' ? step : kind;
    this.values = {
      ...this.values,
      visibility: choices.includes(visibility) ? visibility : (choices[0] ?? 'school_staff'),
      referralId: referral?.id ?? '',
      step: step ?? '',
      stageStatus: type ? defaultStageStatus(type) : '',
    };
    this.problems = {};
  }

  private onInput(event: Event): void {
    const target = event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const name = target.name;
    if (!name) return;
    if (name === 'kind') {
      this.setKind(target.value as FormKind);
      return;
    }
    const value =
      target instanceof HTMLInputElement && target.type === 'checkbox'
        ? target.checked
          ? 'yes'
          : ''
        : target.value;
    const next: FormValues = { ...this.values, [name]: value };
    if (name === 'personId') {
      const kind = this.people.find((p) => p.id === value)?.kind;
      if (kind) next['pairingKind'] = kind;
    }
    if (name === 'referralId') {
      const r = this.openReferrals.find((x) => x.id === value);
      next['step'] = r?.next[0] ?? '';
    }
    if (name === 'referralId' || name === 'step') {
      const step = next['step'] as CaseEventType | '';
      const visibility = defaultVisibility('referral_step', step || undefined);
      if (this.visibilityChoices.includes(visibility)) next['visibility'] = visibility;
      next['stageStatus'] = step ? defaultStageStatus(step) : '';
    }
    this.values = next;
    if (this.problems[name]) {
      const { [name]: _fixed, ...rest } = this.problems;
      this.problems = rest;
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const kind = this.kind;
    const source = this.dataSource;
    if (!kind || !source || this.busy) return;
    const stagesVisible = !!this.kase?.stages;
    const personPicker = this.candidates.length > 0;
    this.problems = validate(kind, this.values, {
      stagesVisible,
      personPicker,
      now: this.now(),
      openedAt: this.kase?.openedAt,
    });
    this.formError = '';
    const invalid = Object.keys(this.problems);
    if (invalid.length) {
      this.formError = this.i18n.t('fixFields', invalid.length);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const body = bodyOf(kind, this.values, {
      hospitalPrefix: this.i18n.t('hospitalPrefix'),
      corrects: this.corrects?.id,
    });
    // The same entry saved again after a failure reuses its key: the server answers it once.
    const json = JSON.stringify(body);
    if (json !== this.lastBody) {
      this.lastBody = json;
      this.idempotencyKey = newIdempotencyKey();
    }
    const caseId = this.caseId;
    this.busy = true;
    try {
      const added = await source.addEvent(caseId, body, { idempotencyKey: this.idempotencyKey });
      this.lastBody = '';
      this.events = [...this.events.filter((e) => e.id !== added.id), added];
      if (added.stage && this.kase?.stages)
        this.kase = {
          ...this.kase,
          stages: { ...this.kase.stages, [added.stage.id]: added.stage.state },
        };
      this.closeForm();
      this.feedback = this.i18n.t('saved', this.typeLabel(added.type));
      this.emit(new XqCaseEventAddedEvent(caseId, added));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part="add-button"]')?.focus();
      void this.refreshCase(source, caseId);
    } catch (error) {
      const field = this.fieldProblemOf(error);
      if (field) {
        // The server's refusal of one field shows next to it, like the form's own checks.
        this.problems = { ...this.problems, [field[0]]: field[1] };
        this.formError = this.i18n.t('fixFields', 1);
      } else this.formError = this.apiMessage(error);
      this.fail(error, isOfflineError(error) ? 'offline' : errorCode(error, 'case_event_failed'));
      if (field) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(`#f-${field[0]}`)?.focus();
      }
    } finally {
      this.busy = false;
    }
  }

  /** Stages, adults and what the caller may add change with some entries (pairing, closure). */
  private async refreshCase(source: CaseTimelineDataSource, caseId: string): Promise<void> {
    try {
      const kase = await source.getCase(caseId);
      if (caseId === this.caseId) this.kase = kase;
    } catch {
      // The entry is saved and shown; the header refreshes on the next load.
    }
  }

  /** A refusal the server ties to one field of the form (`occurred_at_out_of_range`). */
  private fieldProblemOf(error: unknown): [string, FieldProblem] | undefined {
    if (errorCode(error, '') !== 'occurred_at_out_of_range') return undefined;
    const reason = (error as { details?: { reason?: unknown } }).details?.reason;
    return [
      'occurredAt',
      reason === 'occurred_at_before_case' ? 'occurredTooEarly' : 'occurredInFuture',
    ];
  }

  private apiMessage(error: unknown): string {
    if (isOfflineError(error)) return this.i18n.t('err_offline');
    const details = (error as { details?: { reason?: unknown } } | null)?.details;
    const reason = typeof details?.reason === 'string' ? details.reason : '';
    if (reason && `err_${reason}` in zh) return this.i18n.t(`err_${reason}` as 'err_forbidden');
    if (/_needs_referral_/.test(reason) || reason === 'referral_id_required')
      return this.i18n.t('err_referral_order');
    const code = errorCode(error, '');
    if (code === 'forbidden') return this.i18n.t('err_forbidden');
    if (reason === 'case_closed') return this.i18n.t('err_case_closed');
    const message =
      (error as { localizedMessage?: unknown } | null)?.localizedMessage ??
      (error instanceof Error ? error.message : String(error));
    return this.i18n.t('err_generic', String(message));
  }

  private get candidates(): CasePerson[] {
    return this.people.filter((p) => p.kind);
  }

  private problem(name: string): string {
    const p = this.problems[name];
    if (!p) return '';
    if (p === 'tooLong') {
      const max = name === 'stageReason' ? 500 : name === 'hospital' ? 200 : 8000;
      return this.i18n.t('tooLong', max);
    }
    return this.i18n.t(p as 'required');
  }

  /** `aria-describedby` and `aria-invalid` of a control with an optional hint. */
  private described(name: string, hint = false) {
    const ids = [hint ? `f-${name}-hint` : '', this.problems[name] ? `f-${name}-error` : '']
      .filter(Boolean)
      .join(' ');
    return { ids: ids || nothing, invalid: this.problems[name] ? 'true' : 'false' };
  }

  private errorOf(name: string) {
    const message = this.problem(name);
    return message ? html`<p class="field-error" id="f-${name}-error">${message}</p>` : nothing;
  }

  private textField(
    name: string,
    label: string,
    opts: { hint?: string; multiline?: boolean } = {},
  ) {
    const d = this.described(name, !!opts.hint);
    const value = this.values[name] ?? '';
    return html`<div class="field">
      <label for="f-${name}">${label}</label>
      ${opts.hint ? html`<p class="hint" id="f-${name}-hint">${opts.hint}</p>` : nothing}
      ${
        opts.multiline
          ? html`<textarea
              id="f-${name}"
              name=${name}
              rows="3"
              aria-describedby=${d.ids}
              aria-invalid=${d.invalid}
              .value=${live(value)}
            ></textarea>`
          : html`<input
              id="f-${name}"
              name=${name}
              type="text"
              autocomplete="off"
              aria-describedby=${d.ids}
              aria-invalid=${d.invalid}
              .value=${live(value)}
            />`
      }
      ${this.errorOf(name)}
    </div>`;
  }

  private radios(name: string, legend: string, options: readonly (readonly [string, string])[]) {
    const d = this.described(name);
    return html`<fieldset class="choices" data-field=${name}>
      <legend>${legend}</legend>
      ${options.map(
        ([value, label], i) =>
          html`<label class="choice"
            ><input
              type="radio"
              name=${name}
              id=${i === 0 ? `f-${name}` : nothing}
              .value=${value}
              .checked=${live((this.values[name] ?? '') === value)}
              aria-describedby=${d.ids}
              aria-invalid=${d.invalid}
            />${label}</label
          >`,
      )}
      ${this.errorOf(name)}
    </fieldset>`;
  }

  private renderForm(kinds: FormKind[]) {
    const kind = this.kind;
    const v = this.values;
    const type = kind ? typeOf(kind, v) : undefined;
    const level = this.level(1);
    const locale = this.i18n.locale;
    const canNote = this.actions.includes('add_note');
    const stage = type ? stageOfType[type] : undefined;
    const fixedVisibility = kind ? counsellorOnlyKinds.includes(kind) : false;
    const referral = this.openReferrals.find((r) => r.id === v['referralId']);
    const kindD = this.described('kind');
    return html`<form
      class="form"
      part="form"
      novalidate
      aria-labelledby="form-title"
      @input=${this.onInput}
      @change=${this.onInput}
      @submit=${this.submit}
    >
      <p class="section-title" id="form-title" role="heading" aria-level=${level}>
        ${this.i18n.t('formTitle')}
      </p>
      ${
        this.corrects
          ? html`<p class="correcting">
              ${this.i18n.t(
                'correcting',
                `${this.typeLabel(this.corrects.type)} · ${formatDateTime(locale, this.corrects.at)}`,
              )}
              <button type="button" class="link" @click=${() => this.openForm()}>
                ${this.i18n.t('stopCorrecting')}
              </button>
            </p>`
          : html`<div class="field">
              <label for="f-kind">${this.i18n.t('recordType')}</label>
              <select id="f-kind" name="kind" aria-invalid=${kindD.invalid}>
                ${kinds.map(
                  (k) =>
                    html`<option value=${k} ?selected=${k === kind}>${this.typeLabel(k)}</option>`,
                )}
              </select>
            </div>`
      }
      ${
        kind === 'home_school_contact'
          ? this.radios(
              'contactKind',
              this.i18n.t('contactKind'),
              contactKinds.map((k) => [k, this.i18n.t(`contact_${k}`)] as const),
            )
          : nothing
      }
      ${kind === 'pairing_assigned' ? this.renderPairingFields() : nothing}
      ${
        kind === 'referral_proposed'
          ? this.textField('hospital', this.i18n.t('hospital'), {
              hint: this.i18n.t('hospitalHint'),
            })
          : nothing
      }
      ${kind === 'referral_step' ? this.renderReferralFields(referral) : nothing}
      ${kind && occurredKinds.includes(kind) ? this.renderOccurredField() : nothing}
      ${
        kind === 'closure_requested'
          ? html`<p class="hint">${this.i18n.t('closureRequestHint')}</p>`
          : nothing
      }
      ${
        kind === 'note'
          ? this.textField('note', this.i18n.t('noteField'), {
              hint: this.i18n.t('noteHint'),
              multiline: true,
            })
          : canNote
            ? this.textField('note', this.i18n.t('note'), { multiline: true })
            : nothing
      }
      ${
        fixedVisibility
          ? nothing
          : this.radios(
              'visibility',
              this.i18n.t('visibility'),
              this.visibilityChoices.map(
                (x) => [x, this.i18n.t(`vis_${x}` as 'vis_counsellor')] as const,
              ),
            )
      }
      ${stage && this.kase?.stages ? this.renderStageFields(stage) : nothing}
      ${
        kind === 'closure_approved'
          ? html`<div class="field">
              <label class="choice"
                ><input
                  type="checkbox"
                  id="f-confirm"
                  name="confirm"
                  .checked=${live(v['confirm'] === 'yes')}
                  aria-describedby=${this.described('confirm').ids}
                  aria-invalid=${this.described('confirm').invalid}
                />${this.i18n.t('closureConfirm')}</label
              >
              ${this.errorOf('confirm')}
            </div>`
          : nothing
      }
      <p class="form-error" part="form-error" role="alert">${this.formError}</p>
      <button class="primary" part="submit" type="submit" ?disabled=${this.busy}>
        ${this.busy ? this.i18n.t('saving') : this.i18n.t('save')}
      </button>
    </form>`;
  }

  /** When it happened: Beijing time whatever the device zone; empty = now. */
  private renderOccurredField() {
    const d = this.described('occurredAt', true);
    const opened = this.kase?.openedAt;
    return html`<div class="field">
      <label for="f-occurredAt">${this.i18n.t('occurredAt')}</label>
      <p class="hint" id="f-occurredAt-hint">${this.i18n.t('occurredAtHint')}</p>
      <input
        id="f-occurredAt"
        name="occurredAt"
        type="datetime-local"
        min=${opened ? shanghaiLocalInput(earliestOccurredAt(opened)) : nothing}
        max=${shanghaiLocalInput(this.now())}
        aria-describedby=${d.ids}
        aria-invalid=${d.invalid}
        .value=${live(this.values['occurredAt'] ?? '')}
      />
      ${this.errorOf('occurredAt')}
    </div>`;
  }

  private renderPairingFields() {
    const candidates = this.candidates;
    const d = this.described('personId', !candidates.length);
    const person = candidates.length
      ? html`<div class="field">
          <label for="f-personId">${this.i18n.t('person')}</label>
          <select
            id="f-personId"
            name="personId"
            aria-describedby=${d.ids}
            aria-invalid=${d.invalid}
          >
            <option value="" ?selected=${!this.values['personId']}>${this.i18n.t('choose')}</option>
            ${candidates.map(
              (p) =>
                html`<option value=${p.id} ?selected=${this.values['personId'] === p.id}>
                  ${p.name} · ${this.i18n.t(kindKey[p.kind!])}
                </option>`,
            )}
          </select>
          ${this.errorOf('personId')}
        </div>`
      : this.textField('personId', this.i18n.t('personId'), { hint: this.i18n.t('personIdHint') });
    return html`${person}
    ${this.radios(
      'pairingKind',
      this.i18n.t('pairingKind'),
      (['teacher', 'volunteer', 'counsellor'] as const).map(
        (k) => [k, this.i18n.t(kindKey[k])] as const,
      ),
    )}`;
  }

  private renderReferralFields(referral: Referral | undefined) {
    const locale = this.i18n.locale;
    const open = this.openReferrals;
    const d = this.described('referralId');
    return html`<div class="field">
        <label for="f-referralId">${this.i18n.t('whichReferral')}</label>
        <select
          id="f-referralId"
          name="referralId"
          aria-describedby=${d.ids}
          aria-invalid=${d.invalid}
        >
          ${open.map((r) => {
            const date = r.proposed ? formatDateTime(locale, r.proposed.at) : r.id;
            const where = r.proposed?.note?.split('\n')[0];
            return html`<option value=${r.id} ?selected=${r.id === this.values['referralId']}>
              ${this.i18n.t('referralLabel', date, this.typeLabel(r.latest))}${where ? ` · ${where}` : ''}
            </option>`;
          })}
        </select>
        ${this.errorOf('referralId')}
      </div>
      ${
        referral
          ? this.radios(
              'step',
              this.i18n.t('nextStep'),
              referral.next.map((s) => [s, this.typeLabel(s)] as const),
            )
          : nothing
      }
      ${
        this.values['step'] === 'referral_consented'
          ? this.radios('consentBy', this.i18n.t('consentBy'), [
              ['guardian', this.i18n.t('consent_guardian')],
              ['student', this.i18n.t('consent_student')],
            ])
          : nothing
      }`;
  }

  private renderStageFields(stage: CaseStageId) {
    const status = this.values['stageStatus'] ?? '';
    return html`${this.radios('stageStatus', this.i18n.t('stageUpdate', this.stageLabel(stage)), [
      ['', this.i18n.t('stageUnchanged')],
      ['open', this.i18n.t('status_open')],
      ['done', this.i18n.t('status_done')],
      ['not_needed', this.i18n.t('status_not_needed')],
    ])}
    ${
      status === 'not_needed'
        ? this.textField('stageReason', this.i18n.t('notNeededReason'), { multiline: true })
        : nothing
    }`;
  }
}

import { ContextConsumer } from '@lit/context';
import type { XinqiaoClient } from '@xinqiao/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorCode, isOfflineError } from '../base/offline.js';
import { XqElement } from '../base/xq-element.js';
import { clientContext } from '../context/contexts.js';
import { XqErrorEvent } from '../events.js';
import { formatDateTime, formatTime } from '../i18n/format.js';
import { LocalizeController } from '../i18n/localize.js';
import { sessionIcs } from './ics.js';
import { XqCancelEvent, XqSignupEvent } from './parent-school-signup.events.js';
import { en, zh } from './parent-school-signup.messages.js';
import { styles } from './parent-school-signup.styles.js';
import {
  parentSchoolSourceFromClient,
  type ParentSchoolChild,
  type ParentSchoolDataSource,
  type ParentSchoolSession,
  type ParentSchoolSignup,
} from './parent-school-source.js';

/** `unavailable`: no data source (no provider, or the SDK has no parent-school resource yet). */
export type SignupLoadState = 'loading' | 'ready' | 'error' | 'offline' | 'unavailable';
export type SessionModeFilter = 'all' | 'online' | 'offline';

interface Feedback {
  kind: 'success' | 'error';
  text: string;
}

/** Only http(s) links are rendered: a `javascript:` URL in data must never become a link. */
export function safeLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parent-school (家长学校) sessions a guardian can sign up for.
 *
 * Lists the school's upcoming sessions with filters (online / in person, grade), shows each
 * session's details, signs up one of the guardian's children with an attendee count, shows the
 * waitlist position when the session is full, cancels, and offers an `.ics` calendar file
 * (built in the browser, so it works offline). Data comes from the provider's SDK client; for
 * previews and tests, `sessions`, `students` and `signups` can be set as properties.
 *
 * @summary Upcoming parent-school sessions with signup, waitlist, cancel and calendar file.
 * @tagname xq-parent-school-signup
 * @event {XqSignupEvent} xq-signup - A child was signed up; `event.signup.status` is `confirmed` or `waitlisted`.
 * @event {XqCancelEvent} xq-cancel - A signup was cancelled.
 * @event {XqErrorEvent} xq-error - Loading, signing up or cancelling failed (also shown in the element).
 * @csspart card - The element's box.
 * @csspart title - The heading.
 * @csspart filters - The filter controls.
 * @csspart sessions - The list of sessions.
 * @csspart session - One session.
 * @csspart session-details - A session's expanded details and signup form.
 * @csspart badge - A signup's confirmed or waitlist badge.
 * @csspart primary-button - Sign up / join waitlist.
 * @csspart secondary-button - Details, cancel, retry.
 * @csspart calendar-link - The `.ics` link.
 * @csspart feedback - Success and error messages.
 * @cssproperty --xq-parent-school-signup-background - Background (default: surface token).
 * @cssproperty --xq-parent-school-signup-border-color - Border colour.
 * @cssproperty --xq-parent-school-signup-radius - Corner radius.
 * @cssproperty --xq-parent-school-signup-padding - Padding.
 * @cssproperty --xq-parent-school-signup-accent - Primary button background (default: primary).
 * @cssproperty --xq-parent-school-signup-min-height - Reserved height, so the page does not jump.
 */
export class XqParentSchoolSignup extends XqElement {
  static override styles = [XqElement.styles, styles];

  /** Opaque id of the school whose sessions to list. */
  @property()
  school = '';

  /** Heading level of the title (2–6). */
  @property({ type: Number, attribute: 'heading-level' })
  headingLevel = 2;

  /** Sessions to show instead of loading them (previews, tests, server-rendered pages). */
  @property({ attribute: false })
  sessions: readonly ParentSchoolSession[] | undefined = undefined;

  /** The guardian's children, instead of loading them. */
  @property({ attribute: false })
  students: readonly ParentSchoolChild[] | undefined = undefined;

  /** The guardian's signups, instead of loading them. */
  @property({ attribute: false })
  signups: readonly ParentSchoolSignup[] | undefined = undefined;

  /** Where data is read and written; by default the provider's SDK client. */
  @property({ attribute: false })
  source: ParentSchoolDataSource | undefined = undefined;

  /** The clock: sessions that ended before `now()` are not listed. */
  @property({ attribute: false })
  now: () => Date = () => new Date();

  /** State of the session list (read-only; reflected as `data-state`). */
  @state()
  loadState: SignupLoadState = 'loading';

  @state() private mode: SessionModeFilter = 'all';
  @state() private grade = 0;
  @state() private openId = '';
  @state() private busy = '';
  @state() private feedback: Feedback | undefined;
  @state() private client: XinqiaoClient | undefined;

  private readonly i18n = new LocalizeController(this, { 'zh-CN': zh, en });
  private readonly calendarUrls = new Map<string, string>();
  private abort: AbortController | undefined;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: clientContext,
      subscribe: true,
      callback: (client) => {
        this.client = client;
      },
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    for (const url of this.calendarUrls.values()) URL.revokeObjectURL(url);
    this.calendarUrls.clear();
  }

  private get dataSource(): ParentSchoolDataSource | undefined {
    return this.source ?? parentSchoolSourceFromClient(this.client);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('school') ||
      changed.has('source') ||
      changed.has('sessions') ||
      changed.has('client' as keyof XqParentSchoolSignup)
    ) {
      void this.load();
    }
  }

  protected override updated(): void {
    this.dataset['state'] = this.loadState;
  }

  /** Reloads sessions, children and signups from the data source. */
  async reload(): Promise<void> {
    await this.load(true);
  }

  private async load(force = false): Promise<void> {
    if (this.sessions && !force) {
      this.loadState = 'ready';
      return;
    }
    const source = this.dataSource;
    this.abort?.abort();
    if (!source || !this.school) {
      this.loadState = this.sessions ? 'ready' : 'unavailable';
      return;
    }
    const abort = (this.abort = new AbortController());
    const options = { signal: abort.signal };
    this.loadState = 'loading';
    try {
      const [sessions, students, signups] = await Promise.all([
        source.listSessions({ school: this.school }, options),
        source.listChildren(options),
        source.listSignups({ school: this.school }, options),
      ]);
      if (abort.signal.aborted) return;
      this.sessions = sessions;
      this.students = students;
      this.signups = signups;
      this.loadState = 'ready';
    } catch (error) {
      if (abort.signal.aborted) return;
      this.loadState = isOfflineError(error) ? 'offline' : 'error';
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.emit(
      new XqErrorEvent(
        errorCode(error, isOfflineError(error) ? 'offline' : 'parent_school_error'),
        error instanceof Error ? error.message : String(error),
      ),
    );
  }

  private visibleSessions(): ParentSchoolSession[] {
    const now = this.now().getTime();
    return [...(this.sessions ?? [])]
      .filter((s) => new Date(s.endsAt).getTime() > now)
      .filter((s) => this.mode === 'all' || s.mode === this.mode)
      .filter((s) => !this.grade || s.grades.length === 0 || s.grades.includes(this.grade))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  private activeSignups(sessionId: string): ParentSchoolSignup[] {
    return (this.signups ?? []).filter(
      (s) => s.sessionId === sessionId && s.status !== 'cancelled',
    );
  }

  override render() {
    const t = this.i18n;
    const level = Math.min(6, Math.max(2, Math.round(this.headingLevel) || 2));
    return html`<section
      class="card"
      part="card"
      aria-labelledby="title"
      aria-busy=${this.loadState === 'loading' ? 'true' : 'false'}
    >
      <p class="title" part="title" id="title" role="heading" aria-level=${level}>
        ${t.t('title')}
      </p>
      <p class="muted">${t.t('intro')}</p>
      ${this.renderBody(level)}
      <p class="feedback ${this.feedback?.kind ?? ''}" part="feedback" role="status">
        ${this.feedback?.text ?? ''}
      </p>
    </section>`;
  }

  private renderBody(level: number) {
    const t = this.i18n;
    switch (this.loadState) {
      case 'loading':
        return html`<p class="muted">${t.t('loading')}</p>`;
      case 'unavailable':
        return html`<p class="muted">${t.t('unavailable')}</p>`;
      case 'error':
      case 'offline':
        return html`<div class="problem" role="alert">
          <p>${this.loadState === 'offline' ? t.t('offlineNote') : t.t('loadError')}</p>
          <button type="button" class="secondary" part="secondary-button" @click=${this.reload}>
            ${t.t('retry')}
          </button>
        </div>`;
      default:
        break;
    }
    const all = this.sessions ?? [];
    if (all.filter((s) => new Date(s.endsAt).getTime() > this.now().getTime()).length === 0) {
      return html`<p class="muted">${t.t('empty')}</p>`;
    }
    const sessions = this.visibleSessions();
    return html`${this.renderFilters()}
    ${
      sessions.length
        ? html`<ul class="sessions" part="sessions">
            ${sessions.map((s) => this.renderSession(s, level))}
          </ul>`
        : html`<p class="muted">${t.t('emptyFiltered')}</p>`
    }`;
  }

  private renderFilters() {
    const t = this.i18n;
    const grades = [
      ...new Set([
        ...(this.sessions ?? []).flatMap((s) => s.grades),
        ...(this.students ?? []).map((c) => c.grade),
      ]),
    ].sort((a, b) => a - b);
    const modes: [SessionModeFilter, string][] = [
      ['all', t.t('modeAll')],
      ['online', t.t('online')],
      ['offline', t.t('offline')],
    ];
    return html`<div class="filters" part="filters" role="group" aria-label=${t.t('filters')}>
      <fieldset>
        <legend>${t.t('mode')}</legend>
        ${modes.map(
          ([value, label]) =>
            html`<label class="choice"
              ><input
                type="radio"
                name="mode"
                .value=${value}
                .checked=${this.mode === value}
                @change=${() => (this.mode = value)}
              />${label}</label
            >`,
        )}
      </fieldset>
      <label class="field"
        >${t.t('grade')}
        <select
          @change=${(e: Event) => (this.grade = Number((e.target as HTMLSelectElement).value))}
        >
          <option value="0" ?selected=${this.grade === 0}>${t.t('gradeAll')}</option>
          ${grades.map(
            (g) =>
              html`<option value=${g} ?selected=${this.grade === g}>${t.t('gradeN', g)}</option>`,
          )}
        </select>
      </label>
    </div>`;
  }

  private renderSession(session: ParentSchoolSession, level: number) {
    const t = this.i18n;
    const locale = t.locale;
    const left = Math.max(0, session.capacity - session.seatsTaken);
    const open = this.openId === session.id;
    const mine = this.activeSignups(session.id);
    const id = `s-${session.id}`;
    return html`<li class="session" part="session" data-session=${session.id}>
      <p class="topic" id="${id}-topic" role="heading" aria-level=${Math.min(6, level + 1)}>
        ${session.topic[locale]}
      </p>
      <p class="meta">
        <span
          >${formatDateTime(locale, session.startsAt)}–${formatTime(locale, session.endsAt)}</span
        >
        <span
          >${session.mode === 'online' ? t.t('online') : t.t('offline')}${
            session.place ? ` · ${session.place}` : ''
          }</span
        >
      </p>
      <p class="meta">
        <span class=${left ? 'seats' : 'seats full'}
          >${left ? t.t('seatsLeft', left) : t.t('full')}</span
        >
        ${mine.map((s) => this.renderBadge(s))}
      </p>
      <button
        type="button"
        class="secondary"
        part="secondary-button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="${id}-details"
        aria-describedby="${id}-topic"
        @click=${() => (this.openId = open ? '' : session.id)}
      >
        ${open ? t.t('hideDetails') : t.t('details')}
      </button>
      <div id="${id}-details" class="details" part="session-details" ?hidden=${!open}>
        ${open ? this.renderDetails(session, mine, left) : nothing}
      </div>
    </li>`;
  }

  private renderBadge(signup: ParentSchoolSignup) {
    const t = this.i18n;
    const child = this.students?.find((c) => c.id === signup.childId);
    const who = child ? ` · ${t.t('childLabel', child.grade, child.name ?? '')}` : '';
    return html`<span class="badge ${signup.status}" part="badge" data-signup=${signup.id}
      >${
        signup.status === 'waitlisted'
          ? t.t('waitlisted', signup.waitlistPosition ?? 0)
          : t.t('confirmed')
      }${who}</span
    >`;
  }

  private renderDetails(session: ParentSchoolSession, mine: ParentSchoolSignup[], left: number) {
    const t = this.i18n;
    const locale = t.locale;
    const signedUpChildren = new Set(mine.map((s) => s.childId));
    const free = (this.students ?? []).filter((c) => !signedUpChildren.has(c.id));
    const grades = session.grades.length
      ? t.t(
          'forGrades',
          session.grades.map((g) => t.t('gradeN', g)).join(locale === 'en' ? ', ' : '、'),
        )
      : t.t('allGrades');
    const busy = this.busy === session.id;
    return html`
      ${session.description ? html`<p>${session.description[locale]}</p>` : nothing}
      ${session.speaker ? html`<p class="muted">${t.t('speaker', session.speaker)}</p>` : nothing}
      <p class="muted">${grades}</p>
      ${
        mine.length
          ? html`<div class="actions">
              ${mine.map(
                (s) =>
                  html`<button
                    type="button"
                    class="secondary"
                    part="secondary-button"
                    data-cancel=${s.id}
                    ?disabled=${this.busy === s.id}
                    @click=${() => this.cancel(s, session)}
                  >
                    ${t.t('cancel')}
                  </button>`,
              )}
              <a
                class="secondary"
                part="calendar-link"
                href=${this.calendarUrl(session)}
                download="${session.id}.ics"
                >${t.t('addToCalendar')}</a
              >
              ${
                session.mode === 'online' &&
                session.link &&
                mine.some((s) => s.status === 'confirmed')
                  ? html`<a class="secondary" part="secondary-button" href=${session.link}
                      >${t.t('joinLink')}</a
                    >`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${
        free.length
          ? html`<form class="form" @submit=${(e: SubmitEvent) => this.submit(e, session)}>
              <label class="field"
                >${t.t('child')}
                <select name="child" required>
                  ${free.map(
                    (c) =>
                      html`<option value=${c.id}>
                        ${t.t('childLabel', c.grade, c.name ?? '')}
                      </option>`,
                  )}
                </select>
              </label>
              <label class="field"
                >${t.t('attendees')}
                <select name="attendees">
                  ${[1, 2, 3].map((n) => html`<option value=${n}>${n}</option>`)}
                </select>
              </label>
              <button class="primary" part="primary-button" type="submit" ?disabled=${busy}>
                ${busy ? t.t('submitting') : left ? t.t('signup') : t.t('joinWaitlist')}
              </button>
            </form>`
          : mine.length
            ? nothing
            : html`<p class="muted">${t.t('noChildren')}</p>`
      }
    `;
  }

  private calendarUrl(session: ParentSchoolSession): string {
    const key = `${session.id}|${this.i18n.locale}`;
    let url = this.calendarUrls.get(key);
    if (!url) {
      const ics = sessionIcs(session, this.i18n.locale, this.now());
      url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
      this.calendarUrls.set(key, url);
    }
    return url;
  }

  private async submit(event: SubmitEvent, session: ParentSchoolSession): Promise<void> {
    event.preventDefault();
    const source = this.dataSource;
    const data = new FormData(event.target as HTMLFormElement);
    const input = {
      sessionId: session.id,
      childId: String(data.get('child')),
      attendees: Number(data.get('attendees') ?? 1),
    };
    this.feedback = undefined;
    if (!source) {
      this.feedback = { kind: 'error', text: this.i18n.t('unavailable') };
      return;
    }
    this.busy = session.id;
    try {
      const signup = await source.signup(input);
      this.signups = [...(this.signups ?? []).filter((s) => s.id !== signup.id), signup];
      if (signup.status === 'confirmed') this.adjustSeats(session.id, signup.attendees);
      this.feedback = {
        kind: 'success',
        text:
          signup.status === 'waitlisted'
            ? this.i18n.t('waitlistJoined', signup.waitlistPosition ?? 0)
            : this.i18n.t('signedUp', session.topic[this.i18n.locale]),
      };
      this.emit(new XqSignupEvent(signup, session));
    } catch (error) {
      this.feedback = { kind: 'error', text: this.i18n.t('signupError') };
      this.fail(error);
    } finally {
      this.busy = '';
    }
  }

  private async cancel(signup: ParentSchoolSignup, session: ParentSchoolSession): Promise<void> {
    const source = this.dataSource;
    this.feedback = undefined;
    if (!source) {
      this.feedback = { kind: 'error', text: this.i18n.t('unavailable') };
      return;
    }
    this.busy = signup.id;
    try {
      const cancelled = await source.cancel(signup.id);
      this.signups = (this.signups ?? []).map((s) => (s.id === signup.id ? cancelled : s));
      if (signup.status === 'confirmed') this.adjustSeats(session.id, -signup.attendees);
      this.feedback = { kind: 'success', text: this.i18n.t('cancelled') };
      this.emit(new XqCancelEvent(cancelled, session));
    } catch (error) {
      this.feedback = { kind: 'error', text: this.i18n.t('cancelError') };
      this.fail(error);
    } finally {
      this.busy = '';
    }
  }

  private adjustSeats(sessionId: string, delta: number): void {
    this.sessions = (this.sessions ?? []).map((s) =>
      s.id === sessionId ? { ...s, seatsTaken: Math.max(0, s.seatsTaken + delta) } : s,
    );
  }
}

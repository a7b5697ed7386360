import { maxAttendeesPerSignup } from '@xinqiao/contracts/parent-school';
import type { XinqiaoClient } from '@xinqiao/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorCode, isOfflineError } from '../base/offline.js';
import { XqElement } from '../base/xq-element.js';
import { consumeClient } from '../context/contexts.js';
import { XqErrorEvent } from '../events.js';
import { formatDateTime, formatTime } from '../i18n/format.js';
import { LocalizeController } from '../i18n/localize.js';
import { XqCancelEvent, XqSignupEvent } from './parent-school-signup.events.js';
import { en, zh } from './parent-school-signup.messages.js';
import { styles } from './parent-school-signup.styles.js';
import {
  parentSchoolSourceFromClient,
  type ParentSchoolChild,
  type ParentSchoolDataSource,
  type ParentSchoolSession,
  type ParentSchoolSignup,
  type SessionQuery,
} from './parent-school-source.js';

/** `unavailable`: no data source (no provider, or a client without the guardian's side). */
export type SignupLoadState = 'loading' | 'ready' | 'error' | 'offline' | 'unavailable';
export type SessionModeFilter = 'all' | 'online' | 'offline';

interface Feedback {
  kind: 'success' | 'error';
  text: string;
}

type Action = 'signup' | 'cancel' | 'calendar';

/** Only http(s) links are rendered: a `javascript:` URL in data must never become a link. */
export function safeLink(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The `.ics` file's name: the session's title, without characters file systems refuse. */
export function calendarFileName(session: Pick<ParentSchoolSession, 'id' | 'title'>): string {
  const name = session.title
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .replace(/^\.+/, '');
  return `${name || `parent-school-${session.id}`}.ics`;
}

const active = (signups: readonly ParentSchoolSignup[]) =>
  signups.filter((s) => s.state !== 'cancelled');

/**
 * Parent-school (家长学校) sessions a guardian can sign up for.
 *
 * Lists the school's upcoming sessions with filters (online / in person, grade), shows each
 * session's details, signs up one of the guardian's children with an attendee count, shows the
 * waitlist position when the session is full, cancels, and downloads the session's `.ics` file
 * from the server. Data comes from the provider's SDK client (`client.parentSchool`); for
 * previews, `sessions` and `students` can be set as properties, or any `source`.
 *
 * @summary Upcoming parent-school sessions with signup, waitlist, cancel and calendar file.
 * @tagname xq-parent-school-signup
 * @event {XqSignupEvent} xq-signup - A child was signed up; `event.signup.state` is `confirmed` or `waitlisted` (with `waitlistPosition`).
 * @event {XqCancelEvent} xq-cancel - A signup was cancelled.
 * @event {XqErrorEvent} xq-error - Loading, signing up, cancelling or the calendar file failed (also shown in the element).
 * @csspart card - The element's box.
 * @csspart title - The heading.
 * @csspart filters - The filter controls.
 * @csspart sessions - The list of sessions.
 * @csspart session - One session.
 * @csspart session-details - A session's expanded details and signup form.
 * @csspart badge - A signup's confirmed or waitlist badge.
 * @csspart primary-button - Sign up / join waitlist.
 * @csspart secondary-button - Details, cancel, retry.
 * @csspart calendar-link - The "add to calendar" button (downloads the `.ics` file).
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

  /** Opaque id of the school whose sessions to list (`schoolId` of the list query). */
  @property()
  school = '';

  /** Heading level of the title (2–6). */
  @property({ type: Number, attribute: 'heading-level' })
  headingLevel = 2;

  /**
   * Sessions to show instead of loading them (previews, server-rendered pages): the contracts'
   * `ParentSchoolSessionView`, each with the family's `mySignups` and `eligibleChildIds`.
   * Filters and `now` then apply in the browser; loaded sessions are filtered by the server.
   */
  @property({ attribute: false })
  sessions: readonly ParentSchoolSession[] | undefined = undefined;

  /** The guardian's children (`ParentSchoolChild`), instead of loading them. */
  @property({ attribute: false })
  students: readonly ParentSchoolChild[] | undefined = undefined;

  /** Where data is read and written; by default the provider's SDK client. */
  @property({ attribute: false })
  source: ParentSchoolDataSource | undefined = undefined;

  /** The clock for `sessions` set as a property: those that ended before `now()` are hidden. */
  @property({ attribute: false })
  now: () => Date = () => new Date();

  /** State of the session list (read-only; reflected as `data-state`). */
  @state()
  loadState: SignupLoadState = 'loading';

  @state() private mode: SessionModeFilter = 'all';
  /** Grade filter: a grade's opaque id, or '' for every grade. */
  @state() private grade = '';
  @state() private openId = '';
  @state() private attendees = 1;
  @state() private busy = '';
  @state() private refreshing = false;
  @state() private feedback: Feedback | undefined;
  @state() private client: XinqiaoClient | undefined;

  private readonly i18n = new LocalizeController(this, { 'zh-CN': zh, en });
  private readonly calendarUrls = new Set<string>();
  private abort: AbortController | undefined;
  /** The arrays the data source gave, to tell them from ones a page set. */
  private loadedSessions: readonly ParentSchoolSession[] | undefined;
  private loadedStudents: readonly ParentSchoolChild[] | undefined;

  constructor() {
    super();
    consumeClient(this, (client) => (this.client = client));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    for (const url of this.calendarUrls) URL.revokeObjectURL(url);
    this.calendarUrls.clear();
  }

  private get dataSource(): ParentSchoolDataSource | undefined {
    return this.source ?? parentSchoolSourceFromClient(this.client);
  }

  /** Sessions a page set as a property (not loaded): filtered here, never reloaded. */
  private get given(): boolean {
    return this.sessions !== undefined && this.sessions !== this.loadedSessions;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const key = (k: string) => changed.has(k as keyof XqParentSchoolSignup);
    if (key('school') || key('source') || key('client')) {
      void this.load();
    } else if (key('sessions') && this.sessions !== this.loadedSessions) {
      // A page set (or cleared) `sessions`; the source's own answers are not reloaded.
      void this.load();
    } else if ((key('mode') || key('grade')) && !this.given) {
      // Loaded sessions are filtered by the server (the list query).
      void this.load();
    }
    if (key('openId')) this.attendees = 1;
  }

  protected override updated(): void {
    this.dataset['state'] = this.loadState;
  }

  /** Reloads sessions and children from the data source. */
  async reload(): Promise<void> {
    this.loadedSessions = this.sessions;
    await this.load();
  }

  private query(): SessionQuery {
    return {
      schoolId: this.school,
      ...(this.mode !== 'all' ? { mode: this.mode } : {}),
      ...(this.grade ? { gradeId: this.grade } : {}),
    };
  }

  private async load(): Promise<void> {
    if (this.given) {
      this.loadState = 'ready';
      return;
    }
    const source = this.dataSource;
    this.abort?.abort();
    if (!source || !this.school) {
      this.loadState = 'unavailable';
      return;
    }
    const abort = (this.abort = new AbortController());
    const options = { signal: abort.signal };
    // A filter change keeps the list (and the focused filter) on screen while it reloads.
    const refresh = this.loadState === 'ready' && this.sessions !== undefined;
    if (refresh) this.refreshing = true;
    else this.loadState = 'loading';
    const keepStudents = this.students !== undefined && this.students !== this.loadedStudents;
    try {
      const [sessions, students] = await Promise.all([
        source.listSessions(this.query(), options),
        keepStudents || (refresh && this.students)
          ? Promise.resolve(this.students!)
          : source.listChildren(options),
      ]);
      if (abort.signal.aborted) return;
      this.loadedSessions = this.sessions = sessions;
      if (!keepStudents) this.loadedStudents = this.students = students;
      this.loadState = 'ready';
    } catch (error) {
      if (abort.signal.aborted) return;
      this.loadState = isOfflineError(error) ? 'offline' : 'error';
      this.fail(error);
    } finally {
      if (this.abort === abort) this.refreshing = false;
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
    const list = [...(this.sessions ?? [])];
    if (!this.given) return list; // the server's answer to the query, soonest first
    const now = this.now().getTime();
    return list
      .filter((s) => new Date(s.endsAt).getTime() > now)
      .filter((s) => this.mode === 'all' || s.mode === this.mode)
      .filter((s) => !this.grade || s.gradeIds.length === 0 || s.gradeIds.includes(this.grade))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
  }

  /** Grades a guardian can filter by: their children's, named by the roster when it can. */
  private gradeOptions(): [string, string][] {
    const t = this.i18n;
    const out = new Map<string, string>();
    for (const c of this.students ?? []) {
      if (!c.gradeId || out.has(c.gradeId)) continue;
      out.set(
        c.gradeId,
        c.gradeName ?? (c.displayName ? t.t('gradeOf', c.displayName) : t.t('gradeUnnamed')),
      );
    }
    return [...out];
  }

  private childLabel(child: ParentSchoolChild | undefined): string {
    return this.i18n.t('childLabel', child?.displayName ?? '', child?.gradeName ?? '');
  }

  override render() {
    const t = this.i18n;
    const level = Math.min(6, Math.max(2, Math.round(this.headingLevel) || 2));
    return html`<section
      class="card"
      part="card"
      aria-labelledby="title"
      aria-busy=${this.loadState === 'loading' || this.refreshing ? 'true' : 'false'}
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
    const sessions = this.visibleSessions();
    const filtered = this.mode !== 'all' || this.grade !== '';
    if (!sessions.length && !filtered) return html`<p class="muted">${t.t('empty')}</p>`;
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
    const grades = this.gradeOptions();
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
      ${
        grades.length
          ? html`<label class="field"
              >${t.t('grade')}
              <select
                name="grade"
                @change=${(e: Event) => (this.grade = (e.target as HTMLSelectElement).value)}
              >
                <option value="" ?selected=${this.grade === ''}>${t.t('gradeAll')}</option>
                ${grades.map(
                  ([id, name]) =>
                    html`<option value=${id} ?selected=${this.grade === id}>${name}</option>`,
                )}
              </select>
            </label>`
          : nothing
      }
    </div>`;
  }

  private renderSession(session: ParentSchoolSession, level: number) {
    const t = this.i18n;
    const locale = t.locale;
    const open = this.openId === session.id;
    const mine = active(session.mySignups);
    const cancelled = session.status === 'cancelled';
    const id = `s-${session.id}`;
    return html`<li
      class="session"
      part="session"
      data-session=${session.id}
      data-status=${session.status}
    >
      <p class="topic" id="${id}-topic" role="heading" aria-level=${Math.min(6, level + 1)}>
        ${session.title}
      </p>
      <p class="meta">
        <span
          >${formatDateTime(locale, session.startsAt)}–${formatTime(locale, session.endsAt)}</span
        >
        <span
          >${session.mode === 'online' ? t.t('online') : t.t('offline')}${
            session.mode === 'offline' && session.place ? ` · ${session.place}` : ''
          }</span
        >
        <span>${t.t('topic', session.topic)}</span>
      </p>
      <p class="meta">
        ${
          cancelled
            ? html`<span class="seats full">${t.t('sessionCancelled')}</span>`
            : html`<span class=${session.seatsLeft ? 'seats' : 'seats full'}
                >${session.seatsLeft ? t.t('seatsLeft', session.seatsLeft) : t.t('full')}</span
              >`
        }
        ${mine.map((s) => this.renderBadge(s))}
      </p>
      <button
        type="button"
        class="secondary"
        part="secondary-button"
        data-toggle
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="${id}-details"
        aria-describedby="${id}-topic"
        @click=${() => (this.openId = open ? '' : session.id)}
      >
        ${open ? t.t('hideDetails') : t.t('details')}
      </button>
      <div id="${id}-details" class="details" part="session-details" ?hidden=${!open}>
        ${open ? this.renderDetails(session, mine) : nothing}
      </div>
    </li>`;
  }

  private renderBadge(signup: ParentSchoolSignup) {
    const t = this.i18n;
    const child = this.students?.find((c) => c.studentId === signup.childStudentId);
    const who = child ? ` · ${this.childLabel(child)}` : '';
    return html`<span
      class="badge ${signup.state}"
      part="badge"
      data-signup=${signup.id}
      data-signup-state=${signup.state}
      >${
        signup.state === 'waitlisted'
          ? t.t('waitlisted', signup.waitlistPosition ?? 0)
          : t.t('confirmed')
      }${who}</span
    >`;
  }

  private renderDetails(session: ParentSchoolSession, mine: ParentSchoolSignup[]) {
    const t = this.i18n;
    const source = this.dataSource;
    const gradeNames = new Map(
      (this.students ?? []).flatMap((c) =>
        c.gradeId && c.gradeName ? [[c.gradeId, c.gradeName] as const] : [],
      ),
    );
    // The session names its grades by id only: the children's grades give some of them names.
    const named = session.gradeIds.flatMap((g) => gradeNames.get(g) ?? []);
    const list = [...new Set(named)].join(t.locale === 'en' ? ', ' : '、');
    const grades = !session.gradeIds.length
      ? t.t('allGrades')
      : !named.length
        ? t.t('forSomeGrades')
        : named.length === session.gradeIds.length
          ? t.t('forGrades', list)
          : t.t('forGradesAndMore', list);
    const link = safeLink(session.link);
    return html`
      ${session.description ? html`<p>${session.description}</p>` : nothing}
      <p class="muted">${t.t('speaker', session.speaker)}</p>
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
              ${
                source
                  ? html`<button
                      type="button"
                      class="secondary"
                      part="calendar-link"
                      data-calendar
                      ?disabled=${this.busy === `calendar:${session.id}`}
                      @click=${() => this.downloadCalendar(session)}
                    >
                      ${t.t('addToCalendar')}
                    </button>`
                  : nothing
              }
              ${
                session.mode === 'online' && link && mine.some((s) => s.state === 'confirmed')
                  ? html`<a class="secondary" part="secondary-button" href=${link}
                      >${t.t('joinLink')}</a
                    >`
                  : nothing
              }
            </div>`
          : session.status === 'scheduled'
            ? this.renderForm(session)
            : nothing
      }
    `;
  }

  private renderForm(session: ParentSchoolSession) {
    const t = this.i18n;
    const students = this.students ?? [];
    const eligible = students.filter((c) => session.eligibleChildIds.includes(c.studentId));
    if (!eligible.length)
      return html`<p class="muted">${students.length ? t.t('noEligible') : t.t('noChildren')}</p>`;
    const busy = this.busy === session.id;
    const waitlist = this.attendees > session.seatsLeft;
    const hint = `s-${session.id}-hint`;
    const counts = Array.from({ length: maxAttendeesPerSignup }, (_, i) => i + 1);
    return html`<form class="form" @submit=${(e: SubmitEvent) => this.submit(e, session)}>
      <label class="field"
        >${t.t('child')}
        <select name="child" required>
          ${eligible.map((c) => html`<option value=${c.studentId}>${this.childLabel(c)}</option>`)}
        </select>
      </label>
      <label class="field"
        >${t.t('attendees')}
        <select
          name="attendees"
          aria-describedby=${waitlist && session.seatsLeft ? hint : nothing}
          @change=${(e: Event) =>
            (this.attendees = Number((e.target as HTMLSelectElement).value) || 1)}
        >
          ${counts.map(
            (n) => html`<option value=${n} ?selected=${this.attendees === n}>${n}</option>`,
          )}
        </select>
      </label>
      <button class="primary" part="primary-button" type="submit" ?disabled=${busy}>
        ${busy ? t.t('submitting') : waitlist ? t.t('joinWaitlist') : t.t('signup')}
      </button>
      ${
        waitlist && session.seatsLeft
          ? html`<p class="muted hint" id=${hint}>${t.t('waitlistHint')}</p>`
          : nothing
      }
    </form>`;
  }

  /** The message for a refused or failed call: the API's `code` (and `details.reason`). */
  private problem(error: unknown, action: Action): string {
    const t = this.i18n;
    if (isOfflineError(error)) return t.t('offlineAction');
    const reason = (error as { details?: { reason?: unknown } } | null)?.details?.reason;
    const fallback =
      action === 'signup'
        ? t.t('signupError')
        : action === 'cancel'
          ? t.t('cancelError')
          : t.t('calendarError');
    switch (errorCode(error, '')) {
      case 'conflict':
        if (reason === 'session_cancelled') return t.t('sessionWasCancelled');
        if (reason === 'session_started') return t.t('sessionStarted');
        return action === 'signup' ? t.t('alreadySignedUp') : fallback;
      case 'not_eligible':
        return t.t('notEligible');
      case 'not_found':
        return t.t('sessionGone');
      case 'unprocessable':
        return action === 'signup' ? t.t('tooManyAttendees') : fallback;
      case 'unauthenticated':
      case 'token_expired':
        return t.t('signInAgain');
      default:
        return fallback;
    }
  }

  /** Replaces a session with the server's fresh view (seats, waitlist positions). */
  private async refreshSession(source: ParentSchoolDataSource, sessionId: string): Promise<void> {
    try {
      const fresh = await source.getSession(sessionId);
      this.replaceSession(fresh);
    } catch {
      // The list keeps what it showed; the next reload corrects it.
    }
  }

  private replaceSession(session: ParentSchoolSession): void {
    const list = (this.sessions ?? []).map((s) => (s.id === session.id ? session : s));
    if (this.given) this.sessions = list;
    else this.loadedSessions = this.sessions = list;
  }

  /** The session with `signup` in `mySignups` (when a fresh copy could not be read). */
  private withSignup(session: ParentSchoolSession, signup: ParentSchoolSignup) {
    const before = session.mySignups.find((s) => s.id === signup.id);
    const seats =
      (signup.state === 'confirmed' ? signup.attendeeCount : 0) -
      (before?.state === 'confirmed' ? before.attendeeCount : 0);
    const seatsTaken = Math.max(0, session.seatsTaken + seats);
    this.replaceSession({
      ...session,
      seatsTaken,
      seatsLeft: Math.max(0, session.capacity - seatsTaken),
      mySignups: [...session.mySignups.filter((s) => s.id !== signup.id), signup],
    });
  }

  private focusToggle(sessionId: string): void {
    void this.updateComplete.then(() =>
      this.renderRoot
        .querySelector<HTMLButtonElement>(`[data-session="${CSS.escape(sessionId)}"] [data-toggle]`)
        ?.focus(),
    );
  }

  private async submit(event: SubmitEvent, session: ParentSchoolSession): Promise<void> {
    event.preventDefault();
    const source = this.dataSource;
    const data = new FormData(event.target as HTMLFormElement);
    const childStudentId = String(data.get('child'));
    const attendeeCount = Number(data.get('attendees') ?? 1);
    this.feedback = undefined;
    if (!source) {
      this.feedback = { kind: 'error', text: this.i18n.t('unavailable') };
      return;
    }
    this.busy = session.id;
    try {
      const signup = await source.signup(session.id, { childStudentId, attendeeCount });
      this.feedback = {
        kind: 'success',
        text:
          signup.state === 'waitlisted'
            ? this.i18n.t('waitlistJoined', signup.waitlistPosition ?? 0)
            : this.i18n.t('signedUp', session.title),
      };
      this.withSignup(session, signup);
      this.emit(new XqSignupEvent(signup, session));
      await this.refreshSession(source, session.id);
      this.focusToggle(session.id);
    } catch (error) {
      this.feedback = { kind: 'error', text: this.problem(error, 'signup') };
      this.fail(error);
      // A conflict means the server knows better (the family's signup, a cancelled session).
      if (errorCode(error, '') === 'conflict') await this.refreshSession(source, session.id);
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
      const cancelled = await source.cancel(session.id, signup.id);
      this.feedback = { kind: 'success', text: this.i18n.t('cancelled') };
      this.withSignup(session, cancelled);
      this.emit(new XqCancelEvent(cancelled, session));
      await this.refreshSession(source, session.id);
      this.focusToggle(session.id);
    } catch (error) {
      this.feedback = { kind: 'error', text: this.problem(error, 'cancel') };
      this.fail(error);
    } finally {
      this.busy = '';
    }
  }

  /** Downloads the server's `.ics` file for the session, named after it. */
  private async downloadCalendar(session: ParentSchoolSession): Promise<void> {
    const source = this.dataSource;
    if (!source) return;
    this.feedback = undefined;
    this.busy = `calendar:${session.id}`;
    try {
      const ics = await source.calendar(session.id);
      const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
      this.calendarUrls.add(url);
      const link = document.createElement('a');
      link.href = url;
      link.download = calendarFileName(session);
      link.click();
      // Long enough for the browser to read it; the rest go when the element leaves the page.
      setTimeout(() => {
        if (this.calendarUrls.delete(url)) URL.revokeObjectURL(url);
      }, 60_000);
      this.feedback = { kind: 'success', text: this.i18n.t('calendarDownloaded') };
    } catch (error) {
      this.feedback = { kind: 'error', text: this.problem(error, 'calendar') };
      this.fail(error);
    } finally {
      this.busy = '';
    }
  }
}

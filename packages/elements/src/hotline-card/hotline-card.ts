import {
  crisisLines,
  isVerifiedAroundTheClock,
  nationalHotlines,
  openAt,
  type Hotline,
  type HotlineAudience,
  type WeeklySlot,
} from '@xinqiao/contracts/hotlines';
import type { XinqiaoClient } from '@xinqiao/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorCode, isOfflineError } from '../base/offline.js';
import { XqElement } from '../base/xq-element.js';
import { MinuteTick } from '../base/minute-tick.js';
import { consumeClient } from '../context/contexts.js';
import { XqErrorEvent } from '../events.js';
import { dateTimeFormat } from '../i18n/format.js';
import { LocalizeController } from '../i18n/localize.js';
import type { XqLocale } from '../i18n/locale.js';
import { en, zh } from './hotline-card.messages.js';
import { styles } from './hotline-card.styles.js';
import { hotlineSourceFromClient, type HotlineDataSource } from './hotline-source.js';

export type HotlineCardVariant = 'full' | 'compact' | 'crisis';

/** Where local lines stand: `idle` (no source or no org unit: national lines only). */
export type HotlineLoadState = 'idle' | 'loading' | 'loaded' | 'error' | 'offline';

const scopeOrder: Record<Hotline['scope'], number> = {
  school: 0,
  county: 1,
  city: 2,
  province: 3,
  national: 4,
};

const scopeKey = {
  national: 'scopeNational',
  province: 'scopeProvince',
  city: 'scopeCity',
  county: 'scopeCounty',
  school: 'scopeSchool',
} as const;

/** The number as dialled: digits only (the contract says so; data is not trusted to). */
const dialOf = (line: Hotline) => (line.numbers[0]?.dial ?? '').replace(/\D/g, '');

/**
 * Merges the server's lines into the bundled national ones: a server line replaces a bundled
 * line with the same first number (e.g. the city's 12356 with its local schedule).
 */
export function mergeHotlines(
  bundled: readonly Hotline[],
  fromServer: readonly Hotline[],
): Hotline[] {
  const dials = new Set(fromServer.map(dialOf));
  return [...fromServer, ...bundled.filter((l) => !dials.has(dialOf(l)))];
}

/**
 * Psychological-assistance and emergency hotlines for students, parents and staff.
 *
 * Works with no network and no provider: the national lines (110, 120, 12356, 12355) are bundled.
 * Inside `<xq-provider>` (or with a `source`), it adds the local lines of `org-unit` from the
 * server (`GET /v1/hotlines`). Open or closed is computed for now in Asia/Shanghai, whatever the
 * device's time zone. A line shows "24 hours" only when a current, cited source says so; lines
 * whose hours vary by city say so. The `crisis` variant lists 110 and 120 first, then verified
 * lines open now — never an unverified line.
 *
 * @summary Hotlines with tap-to-call, copy, and open/closed status; works offline.
 * @tagname xq-hotline-card
 * @event {XqErrorEvent} xq-error - Local lines could not be loaded (the national lines stay).
 * @csspart card - The card's box.
 * @csspart title - The heading.
 * @csspart intro - The sentence under the heading.
 * @csspart notice - Loading, offline and error notes.
 * @csspart lines - The list of lines.
 * @csspart line - One line.
 * @csspart status - A line's open/closed/24-hour badge.
 * @csspart hours - A line's hours.
 * @csspart call - A line's `tel:` link.
 * @csspart copy - A line's copy button.
 * @csspart emergency - The 110 / 120 block.
 * @csspart emergency-call - A 110 or 120 `tel:` link.
 * @csspart announcement - The live region announcing a copied number.
 * @cssproperty --xq-hotline-card-background - Card background (default: surface token).
 * @cssproperty --xq-hotline-card-border-color - Card border colour.
 * @cssproperty --xq-hotline-card-radius - Card corner radius.
 * @cssproperty --xq-hotline-card-padding - Card padding.
 * @cssproperty --xq-hotline-card-accent - Call button background (default: primary).
 * @cssproperty --xq-hotline-card-on-accent - Call button text colour.
 * @cssproperty --xq-hotline-card-emergency-color - 110 / 120 button background (default: danger).
 * @cssproperty --xq-hotline-card-on-emergency-color - 110 / 120 button text colour.
 * @cssproperty --xq-hotline-card-min-height - Reserved height, so the page does not jump.
 */
export class XqHotlineCard extends XqElement {
  static override styles = [XqElement.styles, styles];

  /** Opaque id of the school or region whose local lines to add (from the server). */
  @property({ attribute: 'org-unit' })
  orgUnit = '';

  /** Show only lines for this audience: `student`, `guardian`, `staff` or `public`. */
  @property()
  audience: HotlineAudience | '' = '';

  /**
   * `full` (hours, copy, emergency block), `compact` (one row per line) or `crisis` (110 / 120
   * first, then verified lines open now).
   */
  @property({ reflect: true })
  variant: HotlineCardVariant = 'full';

  /** Heading level of the title (2–6), to fit the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' })
  headingLevel = 2;

  /** The clock (injectable for tests and demos). Open/closed is computed in Asia/Shanghai. */
  @property({ attribute: false })
  now: () => Date = () => new Date();

  /** Where local lines come from; by default the provider's SDK client. */
  @property({ attribute: false })
  source: HotlineDataSource | undefined = undefined;

  /** Lines bundled with the element (the national defaults). */
  @property({ attribute: false })
  bundledLines: readonly Hotline[] = nationalHotlines;

  /** State of the local lines (read-only; reflected as `data-state` for tests and styling). */
  @state()
  loadState: HotlineLoadState = 'idle';

  @state() private localLines: readonly Hotline[] = [];
  @state() private client: XinqiaoClient | undefined;
  @state() private announcement = '';

  private readonly i18n = new LocalizeController(this, { 'zh-CN': zh, en });
  private request = 0;
  private abort: AbortController | undefined;

  constructor() {
    super();
    consumeClient(this, (client) => (this.client = client));
    new MinuteTick(this); // Open/closed changes with the clock.
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  /** Every line the card knows now (bundled + local), before the variant and audience filters. */
  get lines(): Hotline[] {
    return mergeHotlines(this.bundledLines, this.localLines);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('orgUnit') ||
      changed.has('audience') ||
      changed.has('source') ||
      changed.has('client' as keyof XqHotlineCard)
    ) {
      void this.load();
    }
  }

  protected override updated(): void {
    this.dataset['state'] = this.loadState;
  }

  private async load(): Promise<void> {
    const source = this.source ?? hotlineSourceFromClient(this.client);
    this.abort?.abort();
    const id = ++this.request;
    if (!source || !this.orgUnit) {
      this.localLines = [];
      this.loadState = 'idle';
      return;
    }
    this.loadState = 'loading';
    const abort = (this.abort = new AbortController());
    try {
      const lines = await source.listHotlines(
        { orgUnit: this.orgUnit, ...(this.audience ? { audience: this.audience } : {}) },
        { signal: abort.signal },
      );
      if (id !== this.request) return;
      this.localLines = lines;
      this.loadState = 'loaded';
    } catch (error) {
      if (id !== this.request) return;
      const offline = isOfflineError(error);
      this.loadState = offline ? 'offline' : 'error';
      this.emit(
        new XqErrorEvent(
          errorCode(error, offline ? 'offline' : 'hotlines_unavailable'),
          error instanceof Error ? error.message : String(error),
        ),
      );
    }
  }

  override render() {
    const t = this.i18n;
    const locale = t.locale;
    const instant = this.now();
    const audience = this.audience;
    const all = this.lines
      .filter((l) => l.kind === 'emergency' || !audience || l.audiences.includes(audience))
      .sort((a, b) => scopeOrder[a.scope] - scopeOrder[b.scope]);
    const emergency = all.filter((l) => l.kind === 'emergency');
    const crisis = this.variant === 'crisis';
    const others = crisis
      ? crisisLines(all, instant).filter((l) => l.kind !== 'emergency')
      : all.filter((l) => l.kind !== 'emergency');
    const notice =
      this.loadState === 'loading'
        ? t.t('loading')
        : this.loadState === 'error'
          ? t.t('loadError')
          : this.loadState === 'offline'
            ? t.t('offline')
            : '';
    const level = Math.min(6, Math.max(2, Math.round(this.headingLevel) || 2));
    const emergencyBlock = html`<div class="emergency" part="emergency">
      ${
        crisis
          ? nothing
          : html`<p class="subtitle" role="heading" aria-level=${Math.min(6, level + 1)}>
              ${t.t('emergencyHeading')}
            </p>`
      }
      <div class="actions">
        ${emergency.map((line) => {
          const dial = dialOf(line);
          const name = line.name[locale];
          return html`<a part="emergency-call" href="tel:${dial}">${dial} ${name}</a>`;
        })}
      </div>
    </div>`;

    return html`<section
      class="card"
      part="card"
      aria-labelledby="title"
      aria-busy=${this.loadState === 'loading' ? 'true' : 'false'}
    >
      <p class="title" part="title" id="title" role="heading" aria-level=${level}>
        ${crisis ? t.t('crisisTitle') : t.t('title')}
      </p>
      ${
        this.variant === 'compact'
          ? nothing
          : html`<p class="intro" part="intro">${crisis ? t.t('crisisIntro') : t.t('intro')}</p>`
      }
      ${crisis ? emergencyBlock : nothing}
      <p class="notice" part="notice">${notice}</p>
      ${
        others.length
          ? html`<ul part="lines">
              ${others.map((line) => this.renderLine(line, instant, locale))}
            </ul>`
          : crisis
            ? html`<p class="note">${t.t('noneOpen')}</p>`
            : nothing
      }
      ${crisis ? nothing : emergencyBlock}
      <p class="announcement" part="announcement" role="status">${this.announcement}</p>
    </section>`;
  }

  private renderLine(line: Hotline, instant: Date, locale: XqLocale) {
    const t = this.i18n;
    const dial = dialOf(line);
    const name = line.name[locale];
    const verified = line.verification.status === 'verified';
    const status = openAt(line, instant);
    const schedule = line.schedule;
    let badge: { text: string; cls: string } | undefined;
    let hours = '';
    if (schedule.kind === 'always') {
      badge = isVerifiedAroundTheClock(line)
        ? { text: t.t('aroundTheClock'), cls: 'open' }
        : undefined;
      if (!badge) hours = t.t('hoursUnconfirmed');
    } else if (schedule.kind === 'weekly') {
      badge =
        status === 'open'
          ? { text: t.t('openNow'), cls: 'open' }
          : { text: t.t('closedNow'), cls: 'closed' };
      const en = locale === 'en';
      hours = schedule.slots.map((slot) => this.formatSlot(slot, locale)).join(en ? '; ' : '；');
      if (!verified)
        hours += en ? ` (${t.t('hoursUnconfirmed')})` : `（${t.t('hoursUnconfirmed')}）`;
    } else if (schedule.kind === 'varies') {
      hours = line.hoursNote?.[locale] ?? t.t('hoursVary');
    } else {
      hours = t.t('hoursUnknown');
    }
    return html`<li class="line" part="line" data-line=${line.id} data-open=${status}>
      <div class="head">
        <span class="name" id="name-${line.id}">${name}</span>
        <span class="scope">${t.t(scopeKey[line.scope])}</span>
        ${verified ? nothing : html`<span class="scope unverified">${t.t('unverified')}</span>`}
      </div>
      ${
        badge || hours
          ? html`<p class="hours" part="hours">
              ${
                badge
                  ? html`<span class="status ${badge.cls}" part="status">${badge.text}</span>`
                  : nothing
              }
              ${hours ? html`<span class="detail">${hours}</span>` : nothing}
            </p>`
          : nothing
      }
      <div class="actions">
        <a class="call" part="call" href="tel:${dial}" aria-describedby="name-${line.id}"
          >${t.t('call', dial)}</a
        >
        <button
          class="copy"
          part="copy"
          type="button"
          aria-describedby="name-${line.id}"
          @click=${() => this.copy(dial)}
        >
          ${t.t('copy')}
        </button>
      </div>
    </li>`;
  }

  private formatSlot(slot: WeeklySlot, locale: XqLocale): string {
    // 2024-01-01 was a Monday: ISO weekday d is 2024-01-0d (noon in Shanghai).
    const name = (d: number) =>
      dateTimeFormat(locale, { weekday: 'short' }).format(new Date(Date.UTC(2024, 0, d, 4)));
    const days = [...new Set(slot.days)].sort((a, b) => a - b);
    // Runs of consecutive days read as ranges: 周一至周五 / Mon–Fri.
    const runs: number[][] = [];
    for (const d of days) {
      const last = runs.at(-1);
      if (last && d === last[last.length - 1]! + 1) last.push(d);
      else runs.push([d]);
    }
    const text =
      days.length === 7
        ? this.i18n.t('everyDay')
        : runs
            .map((run) =>
              run.length > 2
                ? `${name(run[0]!)}${locale === 'en' ? '–' : '至'}${name(run[run.length - 1]!)}`
                : run.map(name).join(locale === 'en' ? ', ' : '、'),
            )
            .join(locale === 'en' ? ', ' : '、');
    return this.i18n.t('slot', text, slot.open, slot.close);
  }

  /** Copies `dial` to the clipboard and announces the result in the live region. */
  private async copy(dial: string): Promise<void> {
    let ok = false;
    try {
      await navigator.clipboard.writeText(dial);
      ok = true;
    } catch {
      ok = this.legacyCopy(dial);
    }
    // Clear first so the same message is announced again on a second copy.
    this.announcement = '';
    await this.updateComplete;
    this.announcement = ok ? this.i18n.t('copied', dial) : this.i18n.t('copyFailed', dial);
  }

  /** Portals still served over plain http have no async clipboard: select and copy instead. */
  private legacyCopy(text: string): boolean {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    this.renderRoot.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

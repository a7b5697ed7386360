/**
 * Typed `xq-*` events.
 *
 * The pattern every Xinqiao event follows (ARCHITECTURE §5):
 * 1. A subclass of `XqEvent` with a `static readonly eventName` (`xq-<verb>`) and its payload as
 *    readonly fields on the event itself (no `CustomEvent.detail`, so `event.count` is typed).
 * 2. It bubbles and is composed (it crosses shadow roots, so a portal can listen on any
 *    ancestor, `document` included). Cancelable only when an element acts on `preventDefault()`.
 * 3. It is declared in `GlobalEventHandlersEventMap`, so
 *    `el.addEventListener('xq-submit', (e) => e.response)` is typed in the portal's code.
 *
 * ```ts
 * export class XqSubmitEvent extends XqEvent {
 *   static readonly eventName = 'xq-submit';
 *   constructor(readonly response: ScreeningResponse) {
 *     super(XqSubmitEvent.eventName, { cancelable: true });
 *   }
 * }
 * declare global {
 *   interface GlobalEventHandlersEventMap { 'xq-submit': XqSubmitEvent }
 * }
 * ```
 *
 * Product events (`xq-submit`, `xq-submitted`, `xq-critical`, `xq-signup`, `xq-error`) are added
 * here by the issues that build the elements which fire them; an element's own events live in its
 * folder (`parent-school-signup.events.ts`: `xq-signup`, `xq-cancel`;
 * `case-timeline.events.ts`: `xq-case-event-added`;
 * `screening-form.events.ts`: `xq-submit`, `xq-submitted`, `xq-critical`).
 */

/** Name of an Xinqiao event: always `xq-` prefixed. */
export type XqEventName = `xq-${string}`;

/** Options an `XqEvent` subclass may choose; `bubbles` and `composed` are always on. */
export interface XqEventOptions {
  cancelable?: boolean;
}

/** Base class of every Xinqiao event: bubbling and composed. */
export abstract class XqEvent extends Event {
  constructor(type: XqEventName, options: XqEventOptions = {}) {
    super(type, { bubbles: true, composed: true, cancelable: options.cancelable ?? false });
  }
}

/**
 * Something an element could not do (load lines, sign up…). The element also shows the error
 * itself; the event lets a portal log it. `code` is the API error code when there is one.
 */
export class XqErrorEvent extends XqEvent {
  static readonly eventName = 'xq-error';
  constructor(
    readonly code: string,
    readonly message: string,
  ) {
    super(XqErrorEvent.eventName);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xq-error': XqErrorEvent;
  }
}

import type { RiskTier } from '@xinqiao/contracts/instruments';
import type { CriticalFlag } from '@xinqiao/contracts/safety-signals';
import { XqEvent } from '../events.js';

/**
 * The student pressed "submit" on the last question. Cancelable: `preventDefault()` keeps the
 * form open on its last screen and nothing is sent. No answers in the event.
 */
export class XqSubmitEvent extends XqEvent {
  static readonly eventName = 'xq-submit';
  constructor(
    readonly campaignId: string,
    /** The instruments being submitted, in order (the ASQ included when the rule inserted it). */
    readonly instruments: readonly string[],
  ) {
    super(XqSubmitEvent.eventName, { cancelable: true });
  }
}

/**
 * The screening reached the server (`state: 'sent'`, with its `id`), or is kept on this device by
 * the SDK outbox and will go out by itself (`state: 'queued'`, no id yet; a second event with
 * `state: 'sent'` follows when it does). `tier` only when the campaign's result policy lets the
 * student see it.
 */
export class XqSubmittedEvent extends XqEvent {
  static readonly eventName = 'xq-submitted';
  constructor(
    readonly campaignId: string,
    readonly state: 'sent' | 'queued',
    readonly id: string | undefined,
    readonly tier: RiskTier | undefined,
  ) {
    super(XqSubmittedEvent.eventName);
  }
}

/**
 * A critical flag fired in the form (PHQ item 9, PHQ-A past-month ideation, an ASQ positive).
 * The form shows its help panel and sends a safety signal at once; this tells the portal, e.g.
 * to keep the page open. Flags only: never the answers.
 */
export class XqCriticalEvent extends XqEvent {
  static readonly eventName = 'xq-critical';
  constructor(
    readonly campaignId: string,
    readonly flags: readonly CriticalFlag[],
  ) {
    super(XqCriticalEvent.eventName);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xq-submit': XqSubmitEvent;
    'xq-submitted': XqSubmittedEvent;
    'xq-critical': XqCriticalEvent;
  }
}

import type { CaseEvent } from '@xinqiao/contracts/cases';
import { XqEvent } from '../events.js';

/**
 * An entry was appended to a case (the server answered 201). `event` is the entry as the caller
 * sees it (a note only for counsellors); `caseId` is the case it belongs to.
 */
export class XqCaseEventAddedEvent extends XqEvent {
  static readonly eventName = 'xq-case-event-added';
  constructor(
    readonly caseId: string,
    readonly event: CaseEvent,
  ) {
    super(XqCaseEventAddedEvent.eventName);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xq-case-event-added': XqCaseEventAddedEvent;
  }
}

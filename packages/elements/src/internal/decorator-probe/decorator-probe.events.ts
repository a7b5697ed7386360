import { XqEvent } from '../../events.js';

/** Fired by `<xq-decorator-probe>` after a click raised its `count`. Pipeline probe only. */
export class XqProbeIncrementEvent extends XqEvent {
  static readonly eventName = 'xq-probe-increment';

  constructor(
    /** The new value of `count`. */
    readonly count: number,
  ) {
    super(XqProbeIncrementEvent.eventName);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xq-probe-increment': XqProbeIncrementEvent;
  }
}

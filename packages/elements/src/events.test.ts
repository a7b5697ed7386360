import { expect } from '@open-wc/testing';
import { XqEvent } from './events.js';

class XqTestPingEvent extends XqEvent {
  static readonly eventName = 'xq-test-ping';
  constructor(readonly payload: string) {
    super(XqTestPingEvent.eventName, { cancelable: true });
  }
}

describe('XqEvent', () => {
  it('bubbles and is composed: it reaches the document from inside a shadow root', () => {
    const host = document.createElement('div');
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);
    document.body.append(host);
    const seen: string[] = [];
    const listener = (event: Event) => seen.push((event as XqTestPingEvent).payload);
    document.addEventListener(XqTestPingEvent.eventName, listener);
    try {
      inner.dispatchEvent(new XqTestPingEvent('hello'));
    } finally {
      document.removeEventListener(XqTestPingEvent.eventName, listener);
      host.remove();
    }
    expect(seen).to.deep.equal(['hello']);
  });

  it('is cancelable only when the subclass asks for it', () => {
    class Plain extends XqEvent {
      constructor() {
        super('xq-test-plain');
      }
    }
    expect(new Plain().cancelable).to.equal(false);
    expect(new XqTestPingEvent('x').cancelable).to.equal(true);
    expect(new Plain()).to.be.instanceOf(Event);
  });
});

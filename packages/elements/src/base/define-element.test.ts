import { expect } from '@open-wc/testing';
import { defineElement } from './define-element.js';

describe('defineElement', () => {
  it('defines a tag that is not registered yet', () => {
    class First extends HTMLElement {}
    expect(defineElement('xq-test-define-a', First)).to.equal(First);
    expect(customElements.get('xq-test-define-a')).to.equal(First);
  });

  it('keeps the existing definition instead of throwing when the tag is taken', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    defineElement('xq-test-define-b', First);
    expect(() => defineElement('xq-test-define-b', Second)).not.to.throw();
    expect(defineElement('xq-test-define-b', Second)).to.equal(First);
    expect(customElements.get('xq-test-define-b')).to.equal(First);
  });
});

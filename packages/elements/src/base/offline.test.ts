import { expect } from '@open-wc/testing';
import { errorCode, isOfflineError } from './offline.js';

describe('isOfflineError / errorCode', () => {
  const named = (name: string, code?: string) =>
    Object.assign(new Error('x'), { name }, code ? { code } : {});

  it('treats connection failures as offline, API answers as errors', () => {
    expect(isOfflineError(named('ConnectionError'))).to.equal(true);
    expect(isOfflineError(named('TimeoutError'))).to.equal(true);
    expect(isOfflineError(new TypeError('Failed to fetch'))).to.equal(true);
    expect(isOfflineError(named('InternalServerError', 'internal_error'))).to.equal(false);
    expect(isOfflineError('nope')).to.equal(false);
  });

  it('reads the API error code, or falls back', () => {
    expect(errorCode(named('NotFoundError', 'not_found'), 'x')).to.equal('not_found');
    expect(errorCode(new Error('x'), 'fallback')).to.equal('fallback');
    expect(errorCode(null, 'fallback')).to.equal('fallback');
  });
});

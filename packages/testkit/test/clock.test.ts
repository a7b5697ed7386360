import { describe, expect, it } from 'vitest';
import { createClock } from '../src/clock.js';

describe('createClock', () => {
  it('stands still until moved', () => {
    const c = createClock('2026-09-01T08:00:00Z');
    expect(c.now().toISOString()).toBe('2026-09-01T08:00:00.000Z');
    expect(c.now().toISOString()).toBe('2026-09-01T08:00:00.000Z');
    c.advance(10 * 60_000);
    expect(c.now().toISOString()).toBe('2026-09-01T08:10:00.000Z');
    c.set('2027-01-01T00:00:00+08:00');
    expect(c.now().toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('hands out copies, not its own Date', () => {
    const c = createClock(0);
    c.now().setTime(5);
    expect(c.now().getTime()).toBe(0);
  });

  it('rejects invalid instants', () => {
    expect(() => createClock('not a date')).toThrow(TypeError);
    expect(() => createClock().set('nope')).toThrow(TypeError);
  });
});

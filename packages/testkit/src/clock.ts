/** Structurally the server's `Clock` (`now(): Date`), plus controls for tests. */
export interface TestClock {
  now(): Date;
  /** Moves time forward by `ms` (negative moves it back). */
  advance(ms: number): Date;
  /** Jumps to an instant. */
  set(at: Date | string | number): Date;
}

/** A clock that stands still until the test moves it. */
export function createClock(start: Date | string | number = '2026-09-01T00:00:00Z'): TestClock {
  let t = new Date(start).getTime();
  if (Number.isNaN(t)) throw new TypeError(`createClock: invalid start ${String(start)}`);
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
      return new Date(t);
    },
    set(at) {
      const next = new Date(at).getTime();
      if (Number.isNaN(next)) throw new TypeError(`clock.set: invalid instant ${String(at)}`);
      t = next;
      return new Date(t);
    },
  };
}

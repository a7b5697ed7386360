/** Time as the server sees it. Logic under test never calls `Date.now()`; it asks a Clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

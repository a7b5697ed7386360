/**
 * Routes registered in the app whose per-caller HTTP probes are still owed, with who owes them.
 * The route-coverage test fails on any /v1 route that has neither probes nor an entry here, and
 * on an entry here whose route gained probes or no longer exists — so this list can only shrink.
 */
export const owed: Record<string, string> = {};

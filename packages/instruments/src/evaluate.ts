/**
 * `@xinqiao/instruments/evaluate` — the scoring rules without the registry: flags, follow-ups
 * and blank items for a definition the caller already holds (the browser form gets it from
 * `GET /v1/instruments/:id`). Importing it bundles no instrument texts, so a page that scores
 * only what the server sent stays small. Same code as `score` and `followUpFor` (a test runs
 * every vector through both); tiers still need a cut-off profile, i.e. `score` or the server.
 */
export { evaluate, type Evaluation } from './scoring/evaluate.js';
export { ScoringError } from './errors.js';
export type { AnswersInput } from './scoring/answers.js';

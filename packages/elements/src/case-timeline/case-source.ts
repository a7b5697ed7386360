import type { Case, CaseEvent, CaseEventCreate } from '@xinqiao/contracts/cases';
import type { XinqiaoClient } from '@xinqiao/sdk';

/** What the timeline passes with each call (all optional). */
export interface CaseCallOptions {
  signal?: AbortSignal;
  /** Idempotency key of a write, reused when the same entry is saved again after a failure. */
  idempotencyKey?: string;
}

/**
 * Where `<xq-case-timeline>` reads and writes a case: the seam between the element and the SDK.
 * By default the provider's SDK client (`caseSourceFromClient`); stories and previews set an
 * in-memory source on the element's `source` property.
 */
export interface CaseTimelineDataSource {
  /** `GET /v1/cases/:id`: stages (when the caller may see them), adults, `allowedActions`. */
  getCase(caseId: string, options?: CaseCallOptions): Promise<Case>;
  /** `GET /v1/cases/:id/timeline`: the events the caller may see, oldest first. */
  timeline(caseId: string, options?: CaseCallOptions): Promise<readonly CaseEvent[]>;
  /** `POST /v1/cases/:id/events`: appends one event and answers it as the caller sees it. */
  addEvent(caseId: string, body: CaseEventCreate, options?: CaseCallOptions): Promise<CaseEvent>;
}

/**
 * The SDK's `client.cases` resource (public API only): `get(caseId, options)`,
 * `timeline(caseId, options)` → `{ caseId, data }`, `addEvent(caseId, body, options)`.
 */
interface CasesResource {
  get(caseId: string, options?: CaseCallOptions): Promise<Case>;
  timeline(caseId: string, options?: CaseCallOptions): Promise<{ data: CaseEvent[] }>;
  addEvent(caseId: string, body: CaseEventCreate, options?: CaseCallOptions): Promise<CaseEvent>;
}

/**
 * A data source over the SDK client's `cases` resource, or `undefined` when there is no client
 * (no provider) or the client has no such resource: the element then says it needs a provider.
 */
export function caseSourceFromClient(
  client: XinqiaoClient | undefined,
): CaseTimelineDataSource | undefined {
  const cases = (client as { cases?: Partial<CasesResource> } | undefined)?.cases;
  if (
    !cases ||
    typeof cases.get !== 'function' ||
    typeof cases.timeline !== 'function' ||
    typeof cases.addEvent !== 'function'
  )
    return undefined;
  const resource = cases as CasesResource;
  return {
    getCase: (caseId, options) => resource.get(caseId, options),
    timeline: async (caseId, options) => (await resource.timeline(caseId, options)).data,
    addEvent: (caseId, body, options) => resource.addEvent(caseId, body, options),
  };
}

import { Case, CaseEvent, CaseList, CaseTimeline, StudentRecord } from '@xinqiao/contracts/cases';
import type { CaseEventCreate, CaseQuery } from '@xinqiao/contracts/cases';
import { Concern } from '@xinqiao/contracts/concerns';
import type { ConcernCreate } from '@xinqiao/contracts/concerns';
import { CoverageStats } from '@xinqiao/contracts/stats';
import type { StatsQuery } from '@xinqiao/contracts/stats';
import type { RequestOptions, Transport } from '../core.js';
import { text } from '../text.js';

const caseAt = (id: string) => `v1/cases/${encodeURIComponent(id)}`;

/** Cases (一生一策): stages, an append-only timeline of events. */
export function cases(t: Transport) {
  return {
    /** `GET /v1/cases`: the cases the caller may see, newest first. */
    list: (query: CaseQuery = {}, options?: RequestOptions): Promise<CaseList> =>
      t.request({ method: 'GET', path: 'v1/cases', query, schema: CaseList, options }),
    /** `GET /v1/cases/:id`: stages, responsible adults, overdue, `allowedActions` for the caller. */
    get: (caseId: string, options?: RequestOptions): Promise<Case> =>
      t.request({ method: 'GET', path: caseAt(caseId), schema: Case, options }),
    /** `GET /v1/cases/:id/timeline`: the events the caller may see. */
    timeline: (caseId: string, options?: RequestOptions): Promise<CaseTimeline> =>
      t.request({
        method: 'GET',
        path: `${caseAt(caseId)}/timeline`,
        schema: CaseTimeline,
        options,
      }),
    /** `POST /v1/cases/:id/events`: append an event (corrections are new events). */
    addEvent: (
      caseId: string,
      body: CaseEventCreate,
      options?: RequestOptions,
    ): Promise<CaseEvent> =>
      t.request({
        method: 'POST',
        path: `${caseAt(caseId)}/events`,
        body,
        schema: CaseEvent,
        options,
      }),
  };
}

/** Concerns: anyone may raise one; it is routed like an alert of the chosen tier. */
export function concerns(t: Transport) {
  return {
    /** `POST /v1/concerns` (high/critical open a case). */
    create: (body: ConcernCreate, options?: RequestOptions): Promise<Concern> =>
      t.request({ method: 'POST', path: 'v1/concerns', body, schema: Concern, options }),
  };
}

/** Statistics: the 统计表 per unit and period, small cells suppressed. */
export function stats(t: Transport) {
  return {
    /** `GET /v1/stats/coverage`. */
    coverage: (query: StatsQuery, options?: RequestOptions): Promise<CoverageStats> =>
      t.request({
        method: 'GET',
        path: 'v1/stats/coverage',
        query,
        schema: CoverageStats,
        options,
      }),
    /**
     * `GET /v1/stats/coverage.csv`: the same table as the CSV of the twice-yearly report (UTF-8,
     * CRLF, the contracts' `statsCsvHeader`), as text. To offer it as a file in a page:
     * `URL.createObjectURL(new Blob([csv], { type: 'text/csv' }))`; Excel on Windows wants a BOM
     * (`'\uFEFF' + csv`) to read UTF-8.
     */
    coverageCsv: (query: StatsQuery, options?: RequestOptions): Promise<string> =>
      text(
        t,
        {
          method: 'GET',
          path: 'v1/stats/coverage.csv',
          query,
          options,
        },
        'text/csv',
      ),
  };
}

/** A student's record (一生一档), filtered by the caller's role. */
export const studentRecord =
  (t: Transport) =>
  (studentId: string, options?: RequestOptions): Promise<StudentRecord> =>
    t.request({
      method: 'GET',
      path: `v1/students/${encodeURIComponent(studentId)}/record`,
      schema: StudentRecord,
      options,
    });

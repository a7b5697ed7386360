import { Erasure, StudentExport } from '@xinqiao/contracts/students';
import type { ErasureRequest } from '@xinqiao/contracts/students';
import type { RequestOptions, Transport } from '../core.js';

const at = (id: string) => `v1/students/${encodeURIComponent(id)}`;

/** A student's personal data: export (access right) and erasure (crypto-shredding). */
export function students(t: Transport) {
  return {
    /** `GET /v1/students/:id/export`. */
    export: (studentId: string, options?: RequestOptions): Promise<StudentExport> =>
      t.request({ method: 'GET', path: `${at(studentId)}/export`, schema: StudentExport, options }),
    /** `POST /v1/students/:id/erasure`: destroys the student's data key. Cannot be undone. */
    erase: (studentId: string, body: ErasureRequest, options?: RequestOptions): Promise<Erasure> =>
      t.request({
        method: 'POST',
        path: `${at(studentId)}/erasure`,
        body,
        schema: Erasure,
        options,
      }),
  };
}

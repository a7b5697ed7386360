import { Erasure, StudentExport } from '@xinqiao/contracts/students';
import type { ErasureRequest } from '@xinqiao/contracts/students';
import { Contact, ContactList } from '@xinqiao/contracts/contacts';
import type { ContactCreate } from '@xinqiao/contracts/contacts';
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

/** Home visits and mentor meetings, with or without a case (staff in a page). */
export function studentContacts(t: Transport) {
  return {
    /** `GET /v1/students/:id/contacts` (notes for counsellors only). */
    contacts: (studentId: string, options?: RequestOptions): Promise<ContactList> =>
      t.request({ method: 'GET', path: `${at(studentId)}/contacts`, schema: ContactList, options }),
    /** `POST /v1/students/:id/contacts`: record a home visit or a mentor meeting. */
    addContact: (
      studentId: string,
      body: ContactCreate,
      options?: RequestOptions,
    ): Promise<Contact> =>
      t.request({
        method: 'POST',
        path: `${at(studentId)}/contacts`,
        body,
        schema: Contact,
        options,
      }),
  };
}

import { Consent } from '@xinqiao/contracts/consents';
import type { ConsentCreate } from '@xinqiao/contracts/consents';
import type { RequestOptions, Transport } from '../core.js';

/** Consents (PIPL): a guardian's, and a separate one for health data. */
export function consents(t: Transport) {
  return {
    /** `POST /v1/consents`: record a consent granted or withdrawn (guardian, or the portal backend). */
    create: (body: ConsentCreate, options?: RequestOptions): Promise<Consent> =>
      t.request({ method: 'POST', path: 'v1/consents', body, schema: Consent, options }),
  };
}

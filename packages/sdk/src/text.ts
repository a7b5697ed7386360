import type { BaseCall, Transport } from './core.js';
import { ResponseValidationError } from './errors.js';

/**
 * A text download (a CSV, an iCalendar file): the answer's text once its media type is the one
 * asked for, so a captive portal's HTML page is a `ResponseValidationError`, never a "CSV".
 */
export function text(t: Transport, call: BaseCall, accept: string): Promise<string> {
  return t.send(call, accept, (response, body) => {
    const type = response.headers.get('content-type') ?? '';
    if (type.split(';')[0]!.trim().toLowerCase() !== accept) {
      throw new ResponseValidationError(
        `${call.method} /${call.path} answered ${response.status} with ${type || 'no content type'}, not ${accept}`,
        response.status,
        [],
        response.headers.get('x-request-id') ?? undefined,
      );
    }
    return body;
  });
}

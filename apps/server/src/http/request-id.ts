import type { IncomingMessage } from 'node:http';
import * as z from 'zod/mini';
import { RequestId, requestIdHeader } from '@xinqiao/contracts/request-id';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';

/** Echoes a caller's valid `x-request-id`, else mints `req_…`. */
export function requestIdGenerator(clock: Clock) {
  return (req: IncomingMessage): string => {
    const given = req.headers[requestIdHeader];
    if (typeof given === 'string' && z.safeParse(RequestId, given).success) return given;
    return newId('req', clock.now());
  };
}

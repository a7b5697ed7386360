import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import type { Principal } from './principal.js';

/** Embed tokens are not issued yet (step b): any non-secret-key bearer is refused. */
export async function verifyEmbedToken(_token: string, _request: FastifyRequest): Promise<Principal> {
  throw new AppError('unauthenticated');
}

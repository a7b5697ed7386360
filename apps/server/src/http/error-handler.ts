import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorStatus, type ErrorBody, type ErrorCode } from '@xinqiao/contracts/errors';
import { AppError } from './app-error.js';
import { errorMessages, localeFrom } from './messages.js';

interface Mapped {
  code: ErrorCode;
  details?: Record<string, unknown>;
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_NOT_FOUND: 'not_found',
};

function mapError(error: unknown): Mapped {
  if (error instanceof AppError)
    return { code: error.code, ...(error.details ? { details: error.details } : {}) };
  const e = error as Partial<FastifyError> & { validation?: unknown[]; validationContext?: string };
  if (Array.isArray(e.validation)) {
    const issues = e.validation.map((v) => {
      const item = v as { instancePath?: string; message?: string; keyword?: string };
      const path = (item.instancePath ?? '')
        .split('/')
        .filter(Boolean)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      return {
        path,
        message: item.message ?? 'invalid',
        ...(item.keyword ? { code: item.keyword } : {}),
      };
    });
    return { code: 'validation_failed', details: { in: e.validationContext ?? 'body', issues } };
  }
  if (e.code && fastifyCodes[e.code]) return { code: fastifyCodes[e.code]! };
  if (error instanceof SyntaxError && e.statusCode === 400) return { code: 'invalid_json' };
  if (e.statusCode === 429) return { code: 'rate_limited' };
  if (e.statusCode === 413) return { code: 'payload_too_large' };
  if (e.statusCode === 415) return { code: 'unsupported_media_type' };
  if (e.statusCode === 404) return { code: 'not_found' };
  if (e.statusCode === 405) return { code: 'method_not_allowed' };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { code: 'validation_failed' };
  }
  return { code: 'internal_error' };
}

export function errorBody(
  request: FastifyRequest,
  code: ErrorCode,
  details?: Record<string, unknown>,
): ErrorBody {
  const locale = localeFrom(request.headers['accept-language']);
  return {
    code,
    message: errorMessages[code][locale],
    requestId: request.id,
    ...(details ? { details } : {}),
  };
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  details?: Record<string, unknown>,
) {
  const status = errorStatus[code];
  if (code === 'rate_limited' && !reply.hasHeader('retry-after')) reply.header('retry-after', '1');
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(errorBody(request, code, details)));
}

/**
 * One error handler for the whole app: everything becomes `{ code, message, details?, requestId }`
 * with the status of contracts' `errorStatus`. Internals (stack, SQL, driver messages) never reach
 * the client; a 5xx is logged with its error class and code only — never a body or a URL.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { code, details } = mapError(error);
    if (errorStatus[code] >= 500) {
      const e = error as { name?: string; code?: string };
      request.log.error(
        {
          err: { type: e.name ?? 'Error', code: typeof e.code === 'string' ? e.code : undefined },
          route: request.routeOptions.url,
        },
        'request failed',
      );
    }
    return sendError(request, reply, code, details);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 'not_found'));
}

import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export interface LoggerDeps {
  level?: string;
  /** Where lines go (tests pass a capturing stream); default stdout. */
  stream?: DestinationStream;
}

/**
 * The server's pino logger. Requests are logged by route pattern (`/v1/cases/:id`), never by raw
 * URL; bodies, query strings and credential headers are never logged. The redact list is a
 * second line of defence in case a caller logs a request object anyway.
 */
export function createLogger(deps: LoggerDeps = {}): Logger {
  const options: LoggerOptions = {
    level: deps.level ?? 'info',
    base: undefined,
    redact: {
      paths: [
        'url',
        'req.url',
        'req.query',
        'req.body',
        'req.headers',
        'body',
        'query',
        'headers',
        'authorization',
        '*.authorization',
        '*.cookie',
        '*["idempotency-key"]',
      ],
      remove: true,
    },
    serializers: {
      // Fastify may hand a request/response object to the logger: keep only safe fields.
      req: (req: { method?: string; routeOptions?: { url?: string }; id?: string }) => ({
        method: req.method,
        route: req.routeOptions?.url,
        requestId: req.id,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return deps.stream ? pino(options, deps.stream) : pino(options);
}

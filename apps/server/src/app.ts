import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import { createHash } from 'node:crypto';
import { constants as zlib } from 'node:zlib';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { installAuthentication } from './auth/authenticate.js';
import { embedTokens, type EmbedTokenService } from './auth/embed-token.js';
import { DataKeys } from './crypto/data-keys.js';
import { parseMasterKey, type MasterKey } from './crypto/master-key.js';
import { publicAccess, type RouteAccess } from './http/access.js';
import { installCors } from './http/cors.js';
import { installIdempotency } from './http/idempotency.js';
import { installErrorHandling } from './http/error-handler.js';
import { createLogger, type LoggerDeps } from './http/logger.js';
import { requestIdGenerator } from './http/request-id.js';
import { useZod } from './http/zod.js';
import { registerDocsUi, registerOpenApi } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { auditRoutes } from './routes/audit.js';
import { embedSessionRoutes } from './routes/embed-sessions.js';
import { hotlineRoutes } from './routes/hotlines.js';
import { parentSchoolRoutes } from './routes/parent-school.js';
import { rosterRoutes } from './routes/roster.js';
import { studentRoutes } from './routes/students.js';
import { tenantRoutes } from './routes/tenant.js';
import { screeningPipelineRoutes } from './routes/pipeline.js';

/** The server's settings that `buildApp` needs (a subset of the boot-time Config). */
export type AppConfig = Pick<Config, 'demo' | 'bodyLimit'> &
  Partial<Pick<Config, 'encryptionKey' | 'publicUrl'>> & {
    /** Requests per minute per credential (or per IP without one). Default 1200. */
    rateLimitPerMinute?: number;
  };

export interface AppDeps {
  database: Database;
  config: AppConfig;
  clock?: Clock;
  /** Logger options, or `false` for silence. */
  logger?: LoggerDeps | false;
}

export interface ResolvedDeps {
  database: Database;
  config: AppConfig;
  clock: Clock;
  masterKey: MasterKey;
  dataKeys: DataKeys;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: ResolvedDeps;
    /** Every route as registered (the route-walk test reads it). */
    routeList: RegisteredRoute[];
    embedTokens: EmbedTokenService;
  }
}

/**
 * Builds the whole app (not listening). `server.ts` boots it; tests call `app.inject()` on it.
 * The database must already be migrated (see `migrate`).
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const logger = createLogger(deps.logger === false ? { level: 'silent' } : (deps.logger ?? {}));
  const app = Fastify({
    loggerInstance: logger,
    // Fastify's own request lines carry the raw URL: off. One line per request is logged below.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
    genReqId: requestIdGenerator(clock),
    bodyLimit: deps.config.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true },
  }) as unknown as FastifyInstance;
  const masterKey = parseMasterKey(deps.config.encryptionKey, deps.config.demo);
  app.decorate('deps', {
    database: deps.database,
    config: deps.config,
    clock,
    masterKey,
    dataKeys: new DataKeys(masterKey),
  });
  const routeList: RegisteredRoute[] = [];
  app.decorate('routeList', routeList);

  useZod(app);
  installErrorHandling(app);

  app.addHook('onRoute', (route) => {
    // Routes registered by plugins: the docs UI's static pages and CORS preflights are public.
    const fromPlugin =
      route.url.startsWith('/docs') || (route.method === 'OPTIONS' && route.url === '*');
    if (fromPlugin && !route.config?.access) {
      route.config = { ...(route.config ?? {}), access: publicAccess };
    }
    for (const method of [route.method].flat()) {
      routeList.push({ method, url: route.url, access: route.config?.access });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL (ids, query strings).
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(unmatched)',
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  await app.register(fastifyHelmet, {
    // The docs UI sets its own CSP (staticCSP); the API answers JSON only.
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(fastifyRateLimit, {
    max: deps.config.rateLimitPerMinute ?? 1200,
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const auth = request.headers.authorization;
      return auth ? createHash('sha256').update(auth).digest('hex').slice(0, 32) : request.ip;
    },
    errorResponseBuilder: (_request, context) => {
      const err = new Error('rate limited') as Error & { statusCode: number };
      err.statusCode = context.statusCode;
      return err;
    },
  });

  await installCors(app);
  const tokens = embedTokens({ masterKey, clock, database: deps.database });
  app.decorate('embedTokens', tokens);
  installAuthentication(app, tokens.verify);
  installIdempotency(app);
  // Compressed answers for slow school networks (eligibility with the form's definitions is
  // ≈ 17 kB of JSON). Its hooks are route-level, so they run after the idempotency hooks, which
  // store and replay the plain body (test/compression.test.ts). Brotli at quality 4: the default
  // 11 costs too much CPU on every dynamic answer.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });

  await registerOpenApi(app);
  await app.register(healthRoutes);
  await app.register(tenantRoutes);
  await app.register(rosterRoutes);
  await app.register(embedSessionRoutes);
  await app.register(auditRoutes);
  await app.register(screeningPipelineRoutes);
  await app.register(studentRoutes);
  await app.register(hotlineRoutes);
  await app.register(parentSchoolRoutes);
  await registerDocsUi(app);

  return app;
}

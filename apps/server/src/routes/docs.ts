import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { publicAccess } from '../http/access.js';
import { serverVersion } from '../version.js';

/** OpenAPI 3.1 generated from the routes' zod schemas, at /openapi.json; the docs UI at /docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Xinqiao (心桥) API',
        description:
          'Reference server of Xinqiao. Errors are `{ code, message, details?, requestId }`.',
        version: serverVersion,
      },
      components: {
        securitySchemes: {
          secretKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'Tenant secret key `sk_…` (portal backend only).',
          },
          embedToken: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'Short-lived embed token.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
}

export async function registerDocsUi(app: FastifyInstance): Promise<void> {
  app.get('/openapi.json', { config: { access: publicAccess }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
  });
}

import type { FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';

/**
 * The contracts' zod/mini schemas go straight into route schemas: fastify-type-provider-zod 7
 * works on zod's core types (`$ZodType`), which zod/mini schemas are, for validation, response
 * encoding and OpenAPI. Request bodies must be strict objects so unknown fields are rejected.
 */
export function useZod(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
}

export type ZodApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { ErrorBody } from '@xinqiao/contracts/errors';
import {
  InstrumentCatalog,
  InstrumentDetail,
  InstrumentQuery,
} from '@xinqiao/contracts/instrument-catalog';
import { InstrumentId } from '@xinqiao/contracts/instruments';
import { listInstruments } from '@xinqiao/instruments';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { instrumentDetail, instrumentLocale } from '../pipeline/instruments.js';

const access = { principals: ['secret_key', 'embed_token'], resource: 'none' } as const;
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The instrument registry as the form and admins see it. Content is public data; slots are metadata only. */
export async function instrumentRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);

  r.get(
    '/v1/instruments',
    {
      config: { access },
      schema: {
        tags: ['instruments'],
        summary: 'List instruments and licensed slots',
        querystring: InstrumentQuery,
        response: { 200: InstrumentCatalog, ...errors },
      },
    },
    async (request) => {
      const l = instrumentLocale(request.query.locale, request.headers['accept-language']);
      return {
        locale: l,
        data: listInstruments().map((e) => ({
          id: e.id,
          kind: e.kind,
          version: e.kind === 'content' ? e.version : null,
          abbreviation: e.abbreviation,
          title: e.title[l],
          respondents: e.kind === 'content' ? [e.respondent] : [...e.respondents],
          ageRange: e.ageRange,
          licence: e.licence,
          zhTranslation: e.kind === 'content' ? e.translation['zh-CN'].status : null,
          locked: e.kind !== 'content',
        })),
      };
    },
  );

  r.get(
    '/v1/instruments/:instrumentId',
    {
      config: { access },
      schema: {
        tags: ['instruments'],
        summary:
          'One instrument: items and options in both locales (licensed slots: metadata only)',
        params: z.strictObject({ instrumentId: InstrumentId }),
        querystring: InstrumentQuery,
        response: { 200: InstrumentDetail, ...errors },
      },
    },
    async (request) => {
      const detail = instrumentDetail(
        request.params.instrumentId,
        instrumentLocale(request.query.locale, request.headers['accept-language']),
      );
      if (!detail) throw new AppError('not_found');
      return detail;
    },
  );
}

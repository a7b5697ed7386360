import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { Alert, AlertAcknowledge, AlertList, AlertQuery } from '@xinqiao/contracts/alerts';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { OpaqueId } from '@xinqiao/contracts/ids';
import { defaultPageSize } from '@xinqiao/contracts/pagination';
import { tenantOf } from '../auth/authenticate.js';
import { shanghaiDate } from '../dates.js';
import { AppError } from '../http/app-error.js';
import { localeFrom } from '../http/messages.js';
import { typed } from '../http/zod.js';
import { audit } from '../repositories/audit.js';
import { acknowledgeAlert } from '../pipeline/alerts.js';
import { alertScope, loadAlertView, listAlerts, mayAct } from '../pipeline/alert-views.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function alertRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock } = app.deps;

  r.get(
    '/v1/alerts',
    {
      config: { access: { principals: ['secret_key', 'embed_token'], resource: 'alerts' } },
      schema: {
        tags: ['alerts'],
        summary:
          "Alerts in the caller's scope (class teachers: own class; grade leaders: escalated to them; counsellors and school admins: own school; district admins: identity-free counts; the portal: ids only)",
        querystring: AlertQuery,
        response: { 200: AlertList, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const now = clock.now();
      const scope = await alertScope(database.db, request.principal, shanghaiDate(now));
      if (!scope) throw new AppError('forbidden');
      const q = request.query;
      return database.db.transaction().execute(async (trx) => {
        const page = await listAlerts(
          trx,
          tenantId,
          scope,
          {
            state: q.state,
            schoolId: q.schoolId,
            before: q.cursor,
            limit: q.limit ?? defaultPageSize,
          },
          now,
          localeFrom(request.headers['accept-language']),
        );
        if (scope.kind === 'staff' && page.data.length) {
          await audit(
            trx,
            request,
            { action: 'read', resource: 'alerts', purpose: 'alert_list' },
            now,
          );
        }
        return page;
      });
    },
  );

  r.get(
    '/v1/alerts/:alertId',
    {
      config: {
        access: {
          principals: ['embed_token'],
          resource: 'alerts',
          roles: ['class_teacher', 'grade_leader', 'counsellor', 'school_admin'],
        },
      },
      schema: {
        tags: ['alerts'],
        summary:
          "One alert in the caller's scope (what a webhook's alertId points to); 404 outside it",
        params: z.strictObject({ alertId: OpaqueId }),
        response: { 200: Alert, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const now = clock.now();
      const scope = await alertScope(database.db, request.principal, shanghaiDate(now));
      if (scope?.kind !== 'staff') throw new AppError('not_found');
      return database.db.transaction().execute(async (trx) => {
        const page = await listAlerts(
          trx,
          tenantId,
          scope,
          { id: request.params.alertId, limit: 1 },
          now,
          localeFrom(request.headers['accept-language']),
        );
        const alert = page.data[0] as Alert | undefined;
        if (!alert) throw new AppError('not_found');
        await audit(
          trx,
          request,
          {
            action: 'read',
            resource: 'alerts',
            subjectId: alert.studentId,
            orgUnitId: alert.orgUnitId,
            schoolId: alert.schoolId,
            purpose: 'alert_read',
          },
          now,
        );
        return alert;
      });
    },
  );

  r.post(
    '/v1/alerts/:alertId/acknowledge',
    {
      config: {
        access: {
          principals: ['embed_token'],
          resource: 'alerts',
          roles: ['class_teacher', 'grade_leader', 'counsellor', 'school_admin'],
        },
      },
      schema: {
        tags: ['alerts'],
        summary:
          'Acknowledge an alert (stops its escalation). Repeating it answers the acknowledged alert.',
        params: z.strictObject({ alertId: OpaqueId }),
        body: z.optional(AlertAcknowledge),
        response: { 200: Alert, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const now = clock.now();
      const p = request.principal;
      if (p.kind !== 'embed_token') throw new AppError('forbidden');
      return database.db.transaction().execute(async (trx) => {
        const locale = localeFrom(request.headers['accept-language']);
        const view = await loadAlertView(trx, tenantId, request.params.alertId, now, locale);
        if (!view) throw new AppError('not_found');
        const grant = await mayAct(trx, p, view, shanghaiDate(now));
        if (!grant) throw new AppError('not_found');
        await acknowledgeAlert(trx, tenantId, view.id, p.userId, now);
        await audit(
          trx,
          request,
          {
            action: 'write',
            resource: 'alerts',
            subjectId: view.studentId,
            orgUnitId: view.orgUnitId,
            schoolId: view.schoolId,
            purpose: 'alert_acknowledge',
            role: grant.role,
            roleUnitId: grant.orgUnit,
          },
          now,
        );
        return (await loadAlertView(trx, tenantId, view.id, now, locale))!;
      });
    },
  );
}

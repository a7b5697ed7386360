import type { FastifyInstance } from 'fastify';
import { alertRoutes } from './alerts.js';
import { caseRoutes } from './cases.js';
import { concernRoutes } from './concerns.js';
import { contactRoutes } from './contacts.js';
import { studentRecordRoutes } from './student-record.js';
import { statsRoutes } from './stats.js';
import { campaignRoutes } from './campaigns.js';
import { consentRoutes } from './consents.js';
import { instrumentRoutes } from './instruments.js';
import { safetySignalRoutes } from './safety-signals.js';
import { screeningRoutes } from './screenings.js';

/**
 * The screening → four-level warning → case pipeline (issue #5), registered from one place in
 * app.ts. The escalation pass (pipeline/alerts.ts `runEscalations`) runs in the jobs runner.
 */
export async function screeningPipelineRoutes(app: FastifyInstance): Promise<void> {
  await app.register(instrumentRoutes);
  await app.register(campaignRoutes);
  await app.register(consentRoutes);
  await app.register(safetySignalRoutes);
  await app.register(screeningRoutes);
  await app.register(alertRoutes);
  await app.register(concernRoutes);
  await app.register(contactRoutes);
  await app.register(caseRoutes);
  await app.register(studentRecordRoutes);
  await app.register(statsRoutes);
}

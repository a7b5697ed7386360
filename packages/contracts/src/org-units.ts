import * as z from 'zod/mini';
import { ExternalId, OpaqueId } from './ids.js';

/**
 * Org units form one tree per tenant: regions (province → city → county) → school → grade →
 * class. Every record belongs to a tenant and an org unit; every query is scoped by both.
 */
export const orgUnitKinds = ['province', 'city', 'county', 'school', 'grade', 'class'] as const;
export const OrgUnitKind = z.enum(orgUnitKinds);
export type OrgUnitKind = z.infer<typeof OrgUnitKind>;

export const regionKinds = ['province', 'city', 'county'] as const satisfies readonly OrgUnitKind[];

/** Which kinds may sit directly under which (a county may also hold schools directly under a city). */
export const allowedParents: Record<OrgUnitKind, readonly (OrgUnitKind | null)[]> = {
  province: [null],
  city: ['province', null],
  county: ['city', null],
  school: ['province', 'city', 'county'],
  grade: ['school'],
  class: ['grade'],
};

export const OrgUnit = z.object({
  id: OpaqueId,
  kind: OrgUnitKind,
  externalId: ExternalId,
  parentId: z.nullable(OpaqueId),
  name: z.optional(z.string().check(z.maxLength(200))),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

/** How a request names an org unit it has not resolved yet: by the portal's own id. */
export const OrgUnitRef = z.object({ kind: OrgUnitKind, externalId: ExternalId });
export type OrgUnitRef = z.infer<typeof OrgUnitRef>;

import { asq } from './asq.js';
import { gad7 } from './gad-7.js';
import { licensedSlots } from './licensed.js';
import { phq9 } from './phq-9.js';
import { phqA } from './phq-a.js';
import { psc17 } from './psc-17.js';
import type { InstrumentDefinition, LicensedSlot } from './types.js';

/** The instruments shipped with content, in the order a registry lists them. */
export const shippedDefinitions: readonly InstrumentDefinition[] = [phq9, phqA, gad7, asq, psc17];

/** Registry entries for licensed instruments: metadata only. */
export const shippedSlots: readonly LicensedSlot[] = licensedSlots;

export { asq, gad7, phq9, phqA, psc17 };

import type { ScoringVector } from '../vectors.js';
import { asqVectors } from './asq.vectors.js';
import { gad7Vectors } from './gad-7.vectors.js';
import { phq9Vectors } from './phq-9.vectors.js';
import { phqAVectors } from './phq-a.vectors.js';
import { psc17Vectors } from './psc-17.vectors.js';

/** The test vectors of every shipped instrument, by instrument id. */
export const vectorsByInstrument: Readonly<Record<string, readonly ScoringVector[]>> = {
  'phq-9': phq9Vectors,
  'phq-a': phqAVectors,
  'gad-7': gad7Vectors,
  asq: asqVectors,
  'psc-17': psc17Vectors,
};

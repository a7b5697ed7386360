import { describe, expect, it } from 'vitest';
import { vectorsByInstrument } from '../src/definitions/vectors.js';
import { evaluate } from '../src/evaluate.js';
import { followUpFor, getInstrument, score } from '../src/index.js';

/** The registry-free entry must agree with `score` / `followUpFor` on every cited vector. */
describe('@xinqiao/instruments/evaluate', () => {
  for (const [instrumentId, vectors] of Object.entries(vectorsByInstrument)) {
    const definition = getInstrument(instrumentId);
    if (definition.kind !== 'content') continue;
    for (const vector of vectors) {
      if ('error' in vector.expect || vector.profile) continue;
      it(`${instrumentId}: ${vector.name}`, () => {
        const viaEntry = evaluate(definition, vector.answers);
        const viaRegistry = score(instrumentId, vector.answers);
        expect(viaEntry.flags).toEqual(viaRegistry.flags);
        expect(viaEntry.blankItems).toEqual(viaRegistry.blankItems);
        expect(viaEntry.followUp).toEqual(followUpFor(instrumentId, vector.answers));
        expect(viaEntry.total).toEqual(viaRegistry.total);
      });
    }
  }
});

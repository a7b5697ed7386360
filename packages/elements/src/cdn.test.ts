// Pipeline: the vite (oxc + rolldown) CDN bundle, dist/cdn/xinqiao.js, as a portal loads it.
// `pnpm test` builds it first (`vite build && … && wtr`). This page imports nothing from src/
// that defines elements, so every tag here comes from the bundle.
import { expect } from '@open-wc/testing';
import type { XqDecoratorProbe } from './internal/decorator-probe/decorator-probe.js';
import { decoratorProbeSuite } from './test/decorator-probe-suite.js';

const cdnUrl = new URL('../dist/cdn/xinqiao.js', import.meta.url).href;

interface CdnModule {
  XqDecoratorProbe: typeof XqDecoratorProbe;
  XqElement: unknown;
  XqEvent: unknown;
  XqProbeIncrementEvent: unknown;
}

let cdn: CdnModule | undefined;
async function loadCdn(): Promise<CdnModule> {
  cdn ??= (await import(/* @vite-ignore */ cdnUrl)) as CdnModule;
  return cdn;
}

describe('dist/cdn/xinqiao.js (vite)', () => {
  it('is one self-contained ES module: no imports left, Lit bundled', async () => {
    const source = await (await fetch(cdnUrl)).text();
    expect(source.length).to.be.greaterThan(5_000);
    // Minified static imports look like `import{x}from"…"` / `import"…"`; dynamic ones `import(`.
    expect(source).not.to.match(/\bimport\s*(?:[\w*{][^;]*?\bfrom\s*)?["'`]/);
    expect(source).not.to.match(/\bimport\s*\(/);
    expect(source).to.include('Copyright 2017 Google LLC'); // Lit, with its licence comment
  });

  it('defines every element when loaded, and exports the classes', async () => {
    expect(customElements.get('xq-decorator-probe')).to.equal(undefined);
    const module = await loadCdn();
    expect(customElements.get('xq-decorator-probe')).to.equal(module.XqDecoratorProbe);
    expect(module.XqElement).to.be.a('function');
    expect(module.XqEvent).to.be.a('function');
    expect(module.XqProbeIncrementEvent).to.be.a('function');
  });

  describe('<xq-decorator-probe> from the bundle', () => {
    decoratorProbeSuite(async () => (await loadCdn()).XqDecoratorProbe);
  });

  describe('next to the npm build on one page', () => {
    it('the guarded define keeps the first copy and does not throw', async () => {
      const module = await loadCdn();
      // The npm (src) copy of the define module registers the same tag after the bundle did.
      const npm = await import('./define/xq-decorator-probe.js');
      expect(npm.XqDecoratorProbe).not.to.equal(module.XqDecoratorProbe);
      expect(customElements.get('xq-decorator-probe')).to.equal(module.XqDecoratorProbe);
    });
  });
});

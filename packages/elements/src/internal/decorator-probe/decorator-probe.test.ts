// Pipeline: TypeScript sources compiled by esbuild (web-test-runner), with the decorator mode of
// tsconfig.base.json. The same suite runs against the vite CDN bundle in src/cdn.test.ts.
import { XqDecoratorProbe } from '../../define/xq-decorator-probe.js';
import { decoratorProbeSuite } from '../../test/decorator-probe-suite.js';

describe('<xq-decorator-probe> from src (esbuild)', () => {
  decoratorProbeSuite(async () => XqDecoratorProbe);
});

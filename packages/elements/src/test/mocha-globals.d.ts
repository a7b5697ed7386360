// The mocha globals web-test-runner provides in the page (mocha's BDD interface). Declared here
// instead of depending on @types/mocha, which would also pull its Node globals into DOM code.
type MochaDone = (error?: unknown) => void;
type MochaFn = (this: unknown, done: MochaDone) => void | Promise<unknown>;
type MochaAsyncFn = (this: unknown) => void | Promise<unknown>;

interface MochaSuiteFn {
  (title: string, fn: () => void): void;
  only(title: string, fn: () => void): void;
  skip(title: string, fn: () => void): void;
}
interface MochaTestFn {
  (title: string, fn?: MochaFn | MochaAsyncFn): void;
  only(title: string, fn?: MochaFn | MochaAsyncFn): void;
  skip(title: string, fn?: MochaFn | MochaAsyncFn): void;
}

declare const describe: MochaSuiteFn;
declare const it: MochaTestFn;
declare function before(fn: MochaFn | MochaAsyncFn): void;
declare function after(fn: MochaFn | MochaAsyncFn): void;
declare function beforeEach(fn: MochaFn | MochaAsyncFn): void;
declare function afterEach(fn: MochaFn | MochaAsyncFn): void;

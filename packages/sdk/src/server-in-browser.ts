// What a browser bundle gets when it imports `@xinqiao/sdk/server`: a loud refusal, because the
// server client holds the tenant's secret key, which must never reach a page.
export function createServerClient(): never {
  throw new Error(
    '@xinqiao/sdk/server holds your secret key and runs only on your portal backend. In the browser use createClient from @xinqiao/sdk with an embed token.',
  );
}

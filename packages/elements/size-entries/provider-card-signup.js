// Size entry: what a parent's page needs — the provider (with the SDK client), the hotline card
// and the parent-school signup. Unlike the CDN file, it will not grow when part 2's elements land.
export * from '../src/define/xq-provider.ts';
export * from '../src/define/xq-hotline-card.ts';
export * from '../src/define/xq-parent-school-signup.ts';

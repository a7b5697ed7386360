// Size entry: what a counsellor's or teacher's case page needs — the provider (with the SDK
// client) and <xq-case-timeline>.
export * from '../src/define/xq-provider.ts';
export * from '../src/define/xq-case-timeline.ts';

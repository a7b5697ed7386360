// Size entry: what a student's screening page needs — the provider (with the SDK client) and
// <xq-screening-form> (with @xinqiao/instruments' scoring for the safety path, and the crisis
// hotline card of its help panel). Budget (issue #8): ≤ 30 kB, Lit included.
export * from '../src/define/xq-provider.ts';
export * from '../src/define/xq-screening-form.ts';

// Size entry: <xq-hotline-card> alone (Lit, @lit/context, the card, the bundled national lines).
export * from '../src/define/xq-hotline-card.ts';

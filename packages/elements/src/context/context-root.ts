import { ContextRoot } from '@lit/context';

const installed = Symbol.for('xinqiao.contextRoot');

/**
 * Attaches one @lit/context `ContextRoot` to the document, once per page (whichever copy of the
 * elements gets there first; a second copy reuses it).
 *
 * Why: a context request is an event that bubbles up to the provider. If an element upgrades
 * before `<xq-provider>` has (the card's module loaded first, the provider's later), nobody
 * answers; the root keeps such subscribing requests and replays them when a provider announces
 * itself. Every `XqElement` calls this when it connects.
 */
export function ensureContextRoot(doc: Document = document): void {
  const holder = doc as Document & { [installed]?: boolean };
  if (holder[installed]) return;
  holder[installed] = true;
  new ContextRoot().attach(doc.documentElement);
}

// How the npm pages connect the Xinqiao elements (quoted by docs/integration.md).
import { createClient, createOutbox, type XinqiaoClient } from '@xinqiao/sdk';
import type { XqProvider } from '@xinqiao/elements';
import { fetchToken } from './token.js';

export { fetchToken };

// #region guide:provider-client
/**
 * Gives `<xq-provider>` the SDK client: the token callback, the page's language for the API's
 * messages, and an outbox, so a student's answers and safety signals survive a reload and a dead
 * school network. Returns the client for the page's own calls (alerts, cases, statistics).
 */
export async function connectProvider(
  provider: XqProvider,
  apiUrl: string,
): Promise<XinqiaoClient> {
  await customElements.whenDefined('xq-provider');
  const client = createClient({
    baseUrl: apiUrl,
    fetchToken,
    locale: 'zh-CN',
    outbox: createOutbox(),
  });
  provider.client = client;
  return client;
}
// #endregion

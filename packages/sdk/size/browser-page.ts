// What a page that embeds the screening form pulls from the SDK: the screening client (its
// resources' zod/mini response schemas), the outbox (idb), drafts, and the error classes it
// branches on. Imported from the package's one browser entry, as a page does.
import {
  ConnectionError,
  createOutbox,
  createScreeningClient,
  newIdempotencyKey,
} from '../src/index.js';

const client = createScreeningClient({
  baseUrl: 'https://api.example.cn',
  fetchToken: async () => (await fetch('/portal/xinqiao-token')).text(),
  outbox: createOutbox(),
});
const key = newIdempotencyKey();
const eligibility = await client.campaigns.eligibility('cmp_0123456789abcdefghij');
await client.instruments.get(eligibility.instruments[0]!);
await client.screenings.saveDraft(eligibility.campaignId, { key }, eligibility);
await client.safetySignals.send({ flag: 'asq-acute', observedAt: new Date().toISOString() });
const outcome = await client.screenings.submit(
  { campaignId: eligibility.campaignId, responses: [] },
  { idempotencyKey: key },
);
client.outbox.addEventListener('sent', () => console.warn(outcome.state));
export { ConnectionError };

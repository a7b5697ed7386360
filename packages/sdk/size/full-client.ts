// The same page on `createClient`, which carries every browser resource (cases, alerts,
// statistics, audit …) and their schemas: what a staff dashboard pays. Measured for comparison.
import { ConnectionError, createClient, createOutbox, newIdempotencyKey } from '../src/index.js';

const client = createClient({
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

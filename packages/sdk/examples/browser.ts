import { createClient, createOutbox, newIdempotencyKey } from '@xinqiao/sdk';

const client = createClient({
  baseUrl: 'https://xinqiao.example.edu.cn',
  fetchToken: async () => (await fetch('/api/xinqiao-token', { method: 'POST' })).text(),
  outbox: createOutbox(), // answers survive reloads and dead school networks
});
const idempotencyKey = newIdempotencyKey(); // once, when the form opens
const campaignId = 'cmp_01JBQ0000000000000000000';
const answers = { q1: 1, q2: 0, q3: 2, q4: 1, q5: 0, q6: 1, q7: 0 };
const responses = [{ instrumentId: 'gad-7', answers }];
const result = await client.screenings.submit({ campaignId, responses }, { idempotencyKey });
if (result.state === 'queued') console.warn('已保存在本机，联网后自动提交'); // say so plainly

import { createServerClient } from '@xinqiao/sdk/server';

const { XINQIAO_URL = '', XINQIAO_SECRET_KEY = '', XINQIAO_WEBHOOK_SECRET = '' } = process.env;
const xinqiao = createServerClient({ baseUrl: XINQIAO_URL, secretKey: XINQIAO_SECRET_KEY });

// POST /api/xinqiao-token: an embed token for the portal user who is signed in.
export const embedToken = async (userId: string) =>
  (await xinqiao.embedSessions.create({ user: { externalId: userId } })).token;

// POST /webhooks/xinqiao with the raw body: the typed event (alert.created …), or it throws.
export const onWebhook = (rawBody: string, signature: string | undefined) =>
  xinqiao.webhooks.verify(rawBody, signature, XINQIAO_WEBHOOK_SECRET);

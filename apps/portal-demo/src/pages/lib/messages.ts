import { h, replaceChildren, time } from './dom.js';

interface PortalMessage {
  id: string;
  at: string;
  channel: string;
  title: string;
  detail: string | null;
  verified: boolean;
  webhook: { id: string; type: string; created: string; data: Record<string, string | string[]> };
}

/**
 * The "messages" panel: what the portal forwarded to this staff member by WeChat or SMS after a
 * verified webhook. Shows the details the portal fetched with the user's own token, and the
 * webhook itself (ids only) for the curious.
 */
export function startMessages(list: HTMLElement, everyMs = 2000): () => void {
  let last = '';
  const render = (messages: PortalMessage[]) => {
    const key = JSON.stringify(messages.map((m) => [m.id, m.detail]));
    if (key === last) return;
    last = key;
    if (!messages.length) {
      replaceChildren(list, h('li', { class: 'empty' }, '暂无消息。'));
      return;
    }
    replaceChildren(
      list,
      ...messages.map((m) =>
        h(
          'li',
          { class: 'message', 'data-event-type': m.webhook.type, 'data-webhook-id': m.webhook.id },
          h(
            'p',
            { class: 'message-head' },
            h('span', { class: 'channel' }, m.channel),
            h('strong', {}, m.title),
            ' ',
            time(m.at),
          ),
          h('p', { class: 'message-detail' }, m.detail ?? '正在用您的身份获取详情…'),
          h(
            'details',
            { class: 'message-webhook' },
            h(
              'summary',
              {},
              m.verified ? '原始通知（签名已验证，仅含编号）' : '原始通知（未验证）',
            ),
            h(
              'dl',
              {},
              h('dt', {}, '事件'),
              h('dd', {}, h('code', {}, m.webhook.type)),
              h('dt', {}, '通知编号'),
              h('dd', {}, h('code', {}, m.webhook.id)),
              ...Object.entries(m.webhook.data).flatMap(([k, v]) => [
                h('dt', {}, k),
                h('dd', {}, h('code', { 'data-key': k }, Array.isArray(v) ? v.join(', ') : v)),
              ]),
            ),
          ),
        ),
      ),
    );
  };
  const poll = async () => {
    try {
      const res = await fetch('/api/messages', { credentials: 'same-origin' });
      if (res.ok) render(((await res.json()) as { data: PortalMessage[] }).data);
    } catch {
      // the next poll tries again
    }
  };
  void poll();
  const timer = setInterval(() => void poll(), everyMs);
  return () => clearInterval(timer);
}

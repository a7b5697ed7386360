import {
  ApiKey,
  ApiKeyCreated,
  ApiKeyList,
  Tenant,
  WebhookSecret,
} from '@xinqiao/contracts/tenants';
import type { ApiKeyCreate, TenantUpdate } from '@xinqiao/contracts/tenants';
import type { RequestOptions, Transport } from '../core.js';

/** The portal's own settings (secret key). */
export function tenant(t: Transport) {
  return {
    /** `GET /v1/tenant`. */
    get: (options?: RequestOptions): Promise<Tenant> =>
      t.request({ method: 'GET', path: 'v1/tenant', schema: Tenant, options }),
    /** `PATCH /v1/tenant`: name, allowed origins (CORS for your pages), webhook URL. */
    update: (body: TenantUpdate, options?: RequestOptions): Promise<Tenant> =>
      t.request({ method: 'PATCH', path: 'v1/tenant', body, schema: Tenant, options }),
    /** `POST /v1/tenant/webhook-secret`: creates or rotates the signing secret, shown once. */
    rotateWebhookSecret: (options?: RequestOptions): Promise<WebhookSecret> =>
      t.request({
        method: 'POST',
        path: 'v1/tenant/webhook-secret',
        schema: WebhookSecret,
        options,
      }),
  };
}

/** Secret keys of the tenant (secret key). */
export function keys(t: Transport) {
  return {
    /** `GET /v1/keys`: never the secrets, only their prefixes. */
    list: (options?: RequestOptions): Promise<ApiKeyList> =>
      t.request({ method: 'GET', path: 'v1/keys', schema: ApiKeyList, options }),
    /** `POST /v1/keys`: the new secret is in the answer, and only there. */
    create: (body: ApiKeyCreate = {}, options?: RequestOptions): Promise<ApiKeyCreated> =>
      t.request({ method: 'POST', path: 'v1/keys', body, schema: ApiKeyCreated, options }),
    /** `DELETE /v1/keys/:id`. */
    revoke: (keyId: string, options?: RequestOptions): Promise<ApiKey> =>
      t.request({
        method: 'DELETE',
        path: `v1/keys/${encodeURIComponent(keyId)}`,
        schema: ApiKey,
        options,
      }),
  };
}

-- Idempotency keys of POST requests, scoped to (tenant, principal, route). The request is kept
-- only as a hash; the first response is kept sealed with the master key (it may hold a secret
-- shown once, such as a new API key or an embed token).
CREATE TABLE idempotency_keys (
  tenant_id text NOT NULL REFERENCES tenants (id),
  principal_id text NOT NULL,
  route text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('in_progress', 'done')),
  response_status integer,
  response_sealed text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, principal_id, route, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

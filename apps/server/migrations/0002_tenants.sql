-- Tenants (integrating portals) and their secret API keys (stored as SHA-256 hashes only).
CREATE TABLE tenants (
  id text PRIMARY KEY,
  name text NOT NULL,
  allowed_origins jsonb NOT NULL DEFAULT '[]'::jsonb,
  webhook_url text,
  -- The webhook signing secret, encrypted with the master key (crypto/secretbox).
  webhook_secret_enc text,
  created_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  label text,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

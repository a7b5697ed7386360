-- Durable webhook outbox: events are written in the same transaction as the change they
-- announce; a worker claims due events with a lease (FOR UPDATE SKIP LOCKED, so several
-- replicas can share one PostgreSQL), commits, and only then calls out. Payloads carry ids and
-- event types only.
CREATE TABLE webhook_outbox (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  type text NOT NULL,
  payload text NOT NULL,
  created_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_owner text,
  lease_until timestamptz,
  delivered_at timestamptz
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE state = 'pending';

CREATE TABLE webhook_attempts (
  id text PRIMARY KEY,
  event_id text NOT NULL REFERENCES webhook_outbox (id),
  attempt integer NOT NULL,
  at timestamptz NOT NULL,
  status integer,
  error text,
  duration_ms integer NOT NULL
);
CREATE INDEX webhook_attempts_event ON webhook_attempts (event_id);

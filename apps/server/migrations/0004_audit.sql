-- Append-only audit log: who (actor, role, unit), what (action, resource, subject), why
-- (purpose), when, and the request id. Ids only — never names or content.
CREATE TABLE audit_log (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  at timestamptz NOT NULL,
  actor_kind text NOT NULL,
  actor_id text,
  actor_role text,
  actor_unit_id text,
  action text NOT NULL,
  resource text NOT NULL,
  subject_id text,
  org_unit_id text,
  school_id text,
  purpose text NOT NULL,
  request_id text
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id);
CREATE INDEX audit_log_school ON audit_log (school_id, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Concerns, cases (six parallel stages) and the append-only case timeline.
CREATE TABLE cases (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  student_id text NOT NULL REFERENCES people (id),
  school_id text NOT NULL REFERENCES org_units (id),
  class_id text REFERENCES org_units (id),
  state text NOT NULL CHECK (state IN ('open', 'closed')),
  -- current state of each stage: {assessment: {status, reason?}, …}; history is in case_events
  stages jsonb NOT NULL,
  -- named responsible adults ({personId, kind}[]), set by pairing_assigned events
  responsible jsonb NOT NULL,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX cases_student ON cases (tenant_id, student_id);
CREATE UNIQUE INDEX cases_one_open ON cases (tenant_id, student_id) WHERE state = 'open';

CREATE TABLE case_events (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  case_id text NOT NULL REFERENCES cases (id),
  type text NOT NULL,
  visibility text NOT NULL CHECK (visibility IN ('counsellor', 'school_staff', 'mentor', 'guardian')),
  at timestamptz NOT NULL,
  actor_id text,
  actor_role text,
  person_id text,
  referral_id text,
  -- {id, state} when the event set a stage
  stage jsonb,
  corrects text REFERENCES case_events (id),
  -- ids of what the event is about (alert, concern), never content
  refs jsonb NOT NULL,
  -- free text, sealed with the student's data key
  note_enc bytea
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only';
END
$$;
CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only();

CREATE TABLE concerns (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  student_id text NOT NULL REFERENCES people (id),
  school_id text NOT NULL REFERENCES org_units (id),
  kind text NOT NULL,
  tier text NOT NULL CHECK (tier IN ('attention', 'high', 'critical')),
  raised_by_id text NOT NULL,
  raised_by_role text NOT NULL,
  alert_id text NOT NULL REFERENCES alerts (id),
  case_id text REFERENCES cases (id),
  note_enc bytea,
  created_at timestamptz NOT NULL
);
CREATE INDEX concerns_school ON concerns (tenant_id, school_id, created_at);

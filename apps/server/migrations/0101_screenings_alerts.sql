-- Screenings (answers sealed with the student's data key), results per instrument, safety
-- signals, and alerts of the four-level warning network with their recipients and events.
CREATE TABLE screenings (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  campaign_id text NOT NULL REFERENCES campaigns (id),
  student_id text NOT NULL REFERENCES people (id),
  school_id text NOT NULL REFERENCES org_units (id),
  class_id text REFERENCES org_units (id),
  attempt integer NOT NULL,
  respondent_kind text NOT NULL CHECK (respondent_kind IN ('self', 'parent')),
  respondent_id text NOT NULL,
  submitted_at timestamptz NOT NULL,
  tier text NOT NULL CHECK (tier IN ('none', 'attention', 'high', 'critical')),
  flags jsonb NOT NULL,
  follow_up_missing boolean NOT NULL,
  -- {instrumentId: answers}[] as JSON, sealed with the student's data key
  answers_enc bytea NOT NULL,
  UNIQUE (tenant_id, campaign_id, student_id, respondent_kind, attempt)
);
CREATE INDEX screenings_student ON screenings (tenant_id, student_id);

-- One row per instrument and result version (a re-score under a new profile is a new version).
CREATE TABLE screening_results (
  id text PRIMARY KEY,
  screening_id text NOT NULL REFERENCES screenings (id),
  result_version integer NOT NULL,
  instrument_id text NOT NULL,
  instrument_version integer NOT NULL,
  content_hash text NOT NULL,
  profile_id text NOT NULL,
  profile_version integer NOT NULL,
  tier text NOT NULL,
  -- the ScoreResult without answers (total, band, flags, subscales)
  result jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (screening_id, result_version, instrument_id)
);

CREATE TABLE alerts (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  student_id text NOT NULL REFERENCES people (id),
  school_id text NOT NULL REFERENCES org_units (id),
  grade_id text REFERENCES org_units (id),
  class_id text REFERENCES org_units (id),
  tier text NOT NULL CHECK (tier IN ('attention', 'high', 'critical')),
  flags jsonb NOT NULL,
  source text NOT NULL CHECK (source IN ('screening', 'safety_signal', 'concern')),
  source_id text NOT NULL,
  campaign_id text REFERENCES campaigns (id),
  state text NOT NULL CHECK (state IN ('open', 'acknowledged')),
  -- escalation rung reached (0 = first recipients)
  level integer NOT NULL,
  created_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  -- when the escalation job next looks at it; null = nothing more to do
  next_escalation_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by text
);
CREATE INDEX alerts_school ON alerts (tenant_id, school_id, id);
CREATE INDEX alerts_due ON alerts (next_escalation_at) WHERE state = 'open' AND next_escalation_at IS NOT NULL;
CREATE INDEX alerts_student_open ON alerts (tenant_id, student_id) WHERE state = 'open';

CREATE TABLE alert_recipients (
  alert_id text NOT NULL REFERENCES alerts (id),
  person_id text NOT NULL REFERENCES people (id),
  role text NOT NULL,
  level integer NOT NULL,
  via_gap boolean NOT NULL,
  notified_at timestamptz NOT NULL,
  PRIMARY KEY (alert_id, person_id, role)
);
CREATE INDEX alert_recipients_person ON alert_recipients (person_id);

-- Append-only history of each alert (created, escalated, acknowledged, district_notified).
CREATE TABLE alert_events (
  id text PRIMARY KEY,
  alert_id text NOT NULL REFERENCES alerts (id),
  kind text NOT NULL,
  level integer NOT NULL,
  at timestamptz NOT NULL,
  actor_id text
);
CREATE INDEX alert_events_alert ON alert_events (alert_id, at);

-- A critical flag, stored with its alert whatever else was wrong with the request. The dedupe
-- key (campaign or Shanghai day, flag) keeps a form's signal and its screening to one alert.
CREATE TABLE safety_signals (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  student_id text NOT NULL REFERENCES people (id),
  campaign_id text,
  flag text NOT NULL,
  instrument_id text,
  observed_at timestamptz,
  recorded_at timestamptz NOT NULL,
  recorded_via text NOT NULL CHECK (recorded_via IN ('signal', 'screening')),
  alert_id text NOT NULL REFERENCES alerts (id),
  dedupe_key text NOT NULL,
  UNIQUE (tenant_id, student_id, dedupe_key)
);

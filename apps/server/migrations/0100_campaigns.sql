-- Screening campaigns (one school each) and consents (PIPL).
CREATE TABLE campaigns (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  school_id text NOT NULL REFERENCES org_units (id),
  name text NOT NULL,
  -- grade/class unit ids of the school; empty = the whole school
  target_units jsonb NOT NULL,
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  instruments jsonb NOT NULL,
  profile_id text NOT NULL,
  profile_version integer NOT NULL,
  consent_required boolean NOT NULL,
  -- required when consent_required is false (PIPL: the legal basis is recorded)
  legal_basis text,
  result_policy text NOT NULL CHECK (result_policy IN ('supportive_message', 'tier', 'tier_and_scores')),
  shared_devices boolean NOT NULL,
  allow_retakes boolean NOT NULL,
  translation_ack jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (consent_required OR legal_basis IS NOT NULL),
  CHECK (closes_at > opens_at)
);
CREATE INDEX campaigns_school ON campaigns (tenant_id, school_id);

-- Append-only: the latest row per (student, kind, campaign) is the consent in force.
CREATE TABLE consents (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  student_id text NOT NULL REFERENCES people (id),
  kind text NOT NULL CHECK (kind IN ('guardian', 'health_data')),
  campaign_id text REFERENCES campaigns (id),
  granted boolean NOT NULL,
  recorded_by_kind text NOT NULL,
  recorded_by_id text NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX consents_student ON consents (tenant_id, student_id, kind, recorded_at);

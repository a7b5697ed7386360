-- Org tree, people, memberships as (role, org unit) pairs, guardianships and families.
-- Nothing is deleted by a roster sync: units and memberships missing from it are ended with
-- their end date kept, so history stays explainable.

-- Per-person data keys (crypto-shredding): each person's sensitive fields are sealed with their
-- own key, wrapped by the master key. Erasure deletes the wrapped key; sealed copies elsewhere
-- (append-only tables included) become unreadable.
CREATE TABLE data_keys (
  person_id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  master_key_id text NOT NULL,
  wrapped_key bytea NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE org_units (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  kind text NOT NULL CHECK (kind IN ('province', 'city', 'county', 'school', 'grade', 'class')),
  -- '' for regions and schools; the school's id for its grades and classes
  scope_id text NOT NULL,
  external_id text NOT NULL,
  parent_id text REFERENCES org_units (id),
  school_id text REFERENCES org_units (id),
  name text,
  created_at timestamptz NOT NULL,
  ended_on date,
  UNIQUE (tenant_id, scope_id, kind, external_id)
);
CREATE INDEX org_units_parent ON org_units (parent_id);
CREATE INDEX org_units_school ON org_units (school_id);

CREATE TABLE people (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  external_id text NOT NULL,
  -- sealed with the person's data key (names are optional)
  name_enc bytea,
  birth_month_enc bytea,
  created_at timestamptz NOT NULL,
  erased_at timestamptz,
  UNIQUE (tenant_id, external_id)
);

CREATE TABLE memberships (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  person_id text NOT NULL REFERENCES people (id),
  role text NOT NULL,
  org_unit_id text NOT NULL REFERENCES org_units (id),
  -- which sync owns it: a school's id, or 'regions'
  source text NOT NULL,
  academic_year text,
  started_on date NOT NULL,
  ended_on date
);
CREATE INDEX memberships_person ON memberships (person_id) WHERE ended_on IS NULL;
CREATE INDEX memberships_unit ON memberships (org_unit_id) WHERE ended_on IS NULL;
CREATE INDEX memberships_source ON memberships (tenant_id, source) WHERE ended_on IS NULL;

CREATE TABLE families (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  external_id text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (tenant_id, external_id)
);

CREATE TABLE guardianships (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  guardian_id text NOT NULL REFERENCES people (id),
  student_id text NOT NULL REFERENCES people (id),
  family_id text REFERENCES families (id),
  source text NOT NULL,
  started_on date NOT NULL,
  ended_on date
);
CREATE INDEX guardianships_guardian ON guardianships (guardian_id) WHERE ended_on IS NULL;
CREATE INDEX guardianships_student ON guardianships (student_id) WHERE ended_on IS NULL;

-- Per school: school hours (for deadlines counted in school hours) and the on-call contact.
CREATE TABLE school_settings (
  school_id text PRIMARY KEY REFERENCES org_units (id),
  tenant_id text NOT NULL REFERENCES tenants (id),
  hours jsonb,
  on_call_person_id text REFERENCES people (id),
  academic_year text,
  updated_at timestamptz NOT NULL
);

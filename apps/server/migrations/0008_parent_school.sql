-- Parent school (家长学校): sessions, their target schools and grades, and signups with a
-- waitlist. Seats are counted under a row lock on the session (SELECT … FOR UPDATE), so two
-- signups racing for the last seat cannot both be confirmed. Nothing here is sealed: titles and
-- places are not personal data, and signups hold ids and counts only (names stay in `people`).
CREATE TABLE parent_school_sessions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  title text NOT NULL,
  topic text NOT NULL,
  speaker text NOT NULL,
  description text,
  mode text NOT NULL CHECK (mode IN ('online', 'offline')),
  place text,
  link text,
  capacity integer NOT NULL CHECK (capacity > 0),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- 'completed' is derived from ends_at, never stored
  status text NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
  -- the secret key's id or the person's id
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  cancelled_at timestamptz,
  CHECK (ends_at > starts_at),
  CHECK ((mode = 'offline' AND place IS NOT NULL) OR (mode = 'online' AND link IS NOT NULL))
);
CREATE INDEX parent_school_sessions_time ON parent_school_sessions (tenant_id, starts_at, id);

-- One row per target school (grade_id NULL: the whole school) or per target grade of a school.
CREATE TABLE parent_school_targets (
  session_id text NOT NULL REFERENCES parent_school_sessions (id),
  tenant_id text NOT NULL REFERENCES tenants (id),
  school_id text NOT NULL REFERENCES org_units (id),
  grade_id text REFERENCES org_units (id)
);
CREATE UNIQUE INDEX parent_school_targets_unique
  ON parent_school_targets (session_id, school_id, (coalesce(grade_id, '')));
CREATE INDEX parent_school_targets_school ON parent_school_targets (tenant_id, school_id);

CREATE TABLE parent_school_signups (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  session_id text NOT NULL REFERENCES parent_school_sessions (id),
  -- the guardian who signed up, and for which child
  guardian_id text NOT NULL REFERENCES people (id),
  student_id text NOT NULL REFERENCES people (id),
  -- the family (families.id) of that guardian–child link; the guardian's own id when the
  -- roster named none. Coverage and "one active signup per family" count this key.
  family_key text NOT NULL,
  -- where the child sat at signup time (staff reach and statistics)
  school_id text NOT NULL REFERENCES org_units (id),
  grade_id text REFERENCES org_units (id),
  class_id text REFERENCES org_units (id),
  attendee_count integer NOT NULL CHECK (attendee_count BETWEEN 1 AND 20),
  state text NOT NULL CHECK (state IN ('confirmed', 'waitlisted', 'cancelled')),
  -- waitlist order: created_at, then id
  created_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  promoted boolean NOT NULL DEFAULT false,
  cancelled_at timestamptz,
  cancelled_by text,
  cancel_reason text CHECK (cancel_reason IN ('family', 'staff', 'session_cancelled')),
  checked_in_at timestamptz,
  checked_in_by text,
  attended_count integer
);
CREATE UNIQUE INDEX parent_school_signups_one_active
  ON parent_school_signups (session_id, family_key) WHERE state <> 'cancelled';
CREATE INDEX parent_school_signups_session
  ON parent_school_signups (session_id, state, created_at, id);
CREATE INDEX parent_school_signups_family ON parent_school_signups (tenant_id, family_key);

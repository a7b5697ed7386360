-- Home visits and mentor meetings recorded for any student, with or without a case. The note is
-- sealed with the student's data key (erasure destroys it with the key).
CREATE TABLE student_contacts (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  student_id text NOT NULL REFERENCES people (id),
  school_id text NOT NULL REFERENCES org_units (id),
  class_id text REFERENCES org_units (id),
  kind text NOT NULL CHECK (kind IN ('home_visit', 'mentor_meeting')),
  at timestamptz NOT NULL,
  recorded_by_id text NOT NULL,
  recorded_by_role text NOT NULL,
  note_enc bytea,
  created_at timestamptz NOT NULL
);
CREATE INDEX student_contacts_student ON student_contacts (tenant_id, student_id, at);
CREATE INDEX student_contacts_class ON student_contacts (tenant_id, class_id, at);

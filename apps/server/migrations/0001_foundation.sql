-- The instance row: one per database, records when this database was first migrated.
CREATE TABLE instance (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO instance (id) VALUES (true);

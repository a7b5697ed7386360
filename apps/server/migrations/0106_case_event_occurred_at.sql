-- Case work is often written up days after it happened (a home visit on Monday recorded on
-- Wednesday): `occurred_at` is when it happened (NULL: when it was recorded, `at`), and a
-- home–school contact says how it took place (家访, 电话, 来校面谈, 线上沟通). Both nullable, so the
-- rows already kept (append-only) stay as they are. The timeline stays ordered by `at`.
ALTER TABLE case_events ADD COLUMN occurred_at timestamptz;
ALTER TABLE case_events ADD COLUMN contact_kind text;
ALTER TABLE case_events ADD CONSTRAINT case_events_occurred_not_after_recorded
  CHECK (occurred_at IS NULL OR occurred_at <= at);
ALTER TABLE case_events ADD CONSTRAINT case_events_contact_kind
  CHECK (
    contact_kind IS NULL
    OR (type = 'home_school_contact'
      AND contact_kind IN ('home_visit', 'phone', 'school_meeting', 'online'))
  );

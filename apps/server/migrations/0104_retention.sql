-- Retention (PIPL art. 19, DOMAIN.md): a tenant may set how many years after a student leaves
-- (their last enrolment ended) their personal data is erased automatically. NULL: not set — the
-- school erases on request only, and GET /v1/retention/due lists who would be due.
ALTER TABLE tenants ADD COLUMN retention_years_after_leaving integer
  CHECK (retention_years_after_leaving BETWEEN 1 AND 30);

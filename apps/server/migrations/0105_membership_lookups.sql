-- Membership and guardianship lookups ask for rows current today, `ended_on IS NULL OR ended_on >
-- today` (an end date may lie in the future), which the partial indexes of 0003 (`WHERE ended_on
-- IS NULL`) cannot serve: every embed-token verification, student-class lookup and alert routing
-- query was a sequential scan of every tenant's memberships. At 60,000 students (plus last year's
-- ended rows) one lookup scanned all 120,000 rows (20–130 ms on the shared machine) instead of an
-- index probe (< 0.1 ms). Found with the screening benchmark (BENCHMARKS.md, issue #5).
CREATE INDEX memberships_tenant_person ON memberships (tenant_id, person_id);
CREATE INDEX memberships_unit_role ON memberships (org_unit_id, role);
CREATE INDEX guardianships_tenant_guardian ON guardianships (tenant_id, guardian_id);

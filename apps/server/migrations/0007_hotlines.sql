-- Local hotlines (province, city, county or school), per tenant. National lines ship in the
-- contracts package (bundled with the hotline card) and are not stored here.
CREATE TABLE hotlines (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  scope text NOT NULL CHECK (scope IN ('province', 'city', 'county', 'school')),
  org_unit_id text NOT NULL REFERENCES org_units (id),
  kind text NOT NULL,
  name jsonb NOT NULL,
  numbers jsonb NOT NULL,
  audiences jsonb NOT NULL,
  schedule jsonb NOT NULL,
  hours_note jsonb,
  verification jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  retired_at timestamptz
);
CREATE INDEX hotlines_unit ON hotlines (tenant_id, org_unit_id) WHERE retired_at IS NULL;

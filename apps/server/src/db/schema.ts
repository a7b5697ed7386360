import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Column types of every table, as Kysely sees them. Grows with the migrations. */
export interface DB {
  xq_migrations: MigrationsTable;
  instance: InstanceTable;
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  data_keys: DataKeysTable;
  org_units: OrgUnitsTable;
  people: PeopleTable;
  memberships: MembershipsTable;
  families: FamiliesTable;
  guardianships: GuardianshipsTable;
  school_settings: SchoolSettingsTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  webhook_outbox: WebhookOutboxTable;
  webhook_attempts: WebhookAttemptsTable;
  hotlines: HotlinesTable;
  // parent school (migration 0008)
  parent_school_sessions: ParentSchoolSessionsTable;
  parent_school_targets: ParentSchoolTargetsTable;
  parent_school_signups: ParentSchoolSignupsTable;
  // screening pipeline (migrations 0100+)
  campaigns: CampaignsTable;
  consents: ConsentsTable;
  screenings: ScreeningsTable;
  screening_results: ScreeningResultsTable;
  alerts: AlertsTable;
  alert_recipients: AlertRecipientsTable;
  alert_events: AlertEventsTable;
  safety_signals: SafetySignalsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  concerns: ConcernsTable;
  student_contacts: StudentContactsTable;
}

export interface MigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, never, never>;
}

export interface InstanceTable {
  id: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
}

export interface TenantsTable {
  id: string;
  name: string;
  allowed_origins: JSONColumnType<string[], string, string>;
  webhook_url: string | null;
  webhook_secret_enc: string | null;
  retention_years_after_leaving: Generated<number | null>;
  created_at: Date;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  prefix: string;
  key_hash: string;
  label: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

export interface DataKeysTable {
  person_id: string;
  tenant_id: string;
  master_key_id: string;
  wrapped_key: Uint8Array;
  created_at: Date;
}

export interface OrgUnitsTable {
  id: string;
  tenant_id: string;
  kind: 'province' | 'city' | 'county' | 'school' | 'grade' | 'class';
  scope_id: string;
  external_id: string;
  parent_id: string | null;
  school_id: string | null;
  name: string | null;
  created_at: Date;
  ended_on: string | null;
}

export interface PeopleTable {
  id: string;
  tenant_id: string;
  external_id: string;
  name_enc: Uint8Array | null;
  birth_month_enc: Uint8Array | null;
  created_at: Date;
  erased_at: Date | null;
}

export interface MembershipsTable {
  id: string;
  tenant_id: string;
  person_id: string;
  role: string;
  org_unit_id: string;
  source: string;
  academic_year: string | null;
  started_on: string;
  ended_on: string | null;
}

export interface FamiliesTable {
  id: string;
  tenant_id: string;
  external_id: string;
  created_at: Date;
}

export interface GuardianshipsTable {
  id: string;
  tenant_id: string;
  guardian_id: string;
  student_id: string;
  family_id: string | null;
  source: string;
  started_on: string;
  ended_on: string | null;
}

export interface SchoolSettingsTable {
  school_id: string;
  tenant_id: string;
  hours: JSONColumnType<SchoolHoursJson | null, string | null, string | null>;
  on_call_person_id: string | null;
  academic_year: string | null;
  updated_at: Date;
}

export interface SchoolHoursJson {
  days: number[];
  open: string;
  close: string;
}

export interface AuditLogTable {
  id: string;
  tenant_id: string;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_unit_id: string | null;
  action: string;
  resource: string;
  subject_id: string | null;
  org_unit_id: string | null;
  school_id: string | null;
  purpose: string;
  request_id: string | null;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  principal_id: string;
  route: string;
  key: string;
  request_hash: string;
  state: 'in_progress' | 'done';
  response_status: number | null;
  response_sealed: string | null;
  created_at: Date;
  expires_at: Date;
}

// ---- Screening pipeline (migrations 0100+) ----

export interface CampaignsTable {
  id: string;
  tenant_id: string;
  school_id: string;
  name: string;
  target_units: JSONColumnType<string[], string, string>;
  opens_at: Date;
  closes_at: Date;
  instruments: JSONColumnType<string[], string, string>;
  profile_id: string;
  profile_version: number;
  consent_required: boolean;
  legal_basis: string | null;
  result_policy: 'supportive_message' | 'tier' | 'tier_and_scores';
  shared_devices: boolean;
  allow_retakes: boolean;
  translation_ack: JSONColumnType<
    { instruments: string[]; by: string; at: string } | null,
    string | null,
    string | null
  >;
  created_by: string;
  created_at: Date;
}

export interface ConsentsTable {
  id: string;
  tenant_id: string;
  student_id: string;
  kind: 'guardian' | 'health_data';
  campaign_id: string | null;
  granted: boolean;
  recorded_by_kind: string;
  recorded_by_id: string;
  recorded_at: Date;
}

export interface ScreeningsTable {
  id: string;
  tenant_id: string;
  campaign_id: string;
  student_id: string;
  school_id: string;
  class_id: string | null;
  attempt: number;
  respondent_kind: 'self' | 'parent';
  respondent_id: string;
  submitted_at: Date;
  tier: 'none' | 'attention' | 'high' | 'critical';
  flags: JSONColumnType<string[], string, string>;
  follow_up_missing: boolean;
  answers_enc: Uint8Array;
}

export interface ScreeningResultsTable {
  id: string;
  screening_id: string;
  result_version: number;
  instrument_id: string;
  instrument_version: number;
  content_hash: string;
  profile_id: string;
  profile_version: number;
  tier: string;
  result: JSONColumnType<Record<string, unknown>, string, string>;
  created_at: Date;
}

export interface AlertsTable {
  id: string;
  tenant_id: string;
  student_id: string;
  school_id: string;
  grade_id: string | null;
  class_id: string | null;
  tier: 'attention' | 'high' | 'critical';
  flags: JSONColumnType<string[], string, string>;
  source: 'screening' | 'safety_signal' | 'concern';
  source_id: string;
  campaign_id: string | null;
  state: 'open' | 'acknowledged';
  level: number;
  created_at: Date;
  due_at: Date;
  next_escalation_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

export interface AlertRecipientsTable {
  alert_id: string;
  person_id: string;
  role: string;
  level: number;
  via_gap: boolean;
  notified_at: Date;
}

export interface AlertEventsTable {
  id: string;
  alert_id: string;
  kind: string;
  level: number;
  at: Date;
  actor_id: string | null;
}

export interface SafetySignalsTable {
  id: string;
  tenant_id: string;
  student_id: string;
  campaign_id: string | null;
  flag: string;
  instrument_id: string | null;
  observed_at: Date | null;
  recorded_at: Date;
  recorded_via: 'signal' | 'screening';
  alert_id: string;
  dedupe_key: string;
}

export interface WebhookOutboxTable {
  id: string;
  tenant_id: string;
  type: string;
  payload: string;
  created_at: Date;
  state: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Date;
  lease_owner: string | null;
  lease_until: Date | null;
  delivered_at: Date | null;
}

export interface WebhookAttemptsTable {
  id: string;
  event_id: string;
  attempt: number;
  at: Date;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface CasesTable {
  id: string;
  tenant_id: string;
  student_id: string;
  school_id: string;
  class_id: string | null;
  state: 'open' | 'closed';
  stages: JSONColumnType<
    Record<string, { status: 'open' | 'done' | 'not_needed'; reason?: string }>,
    string,
    string
  >;
  responsible: JSONColumnType<
    Array<{ personId: string; kind: 'teacher' | 'volunteer' | 'counsellor' }>,
    string,
    string
  >;
  opened_at: Date;
  closed_at: Date | null;
}

export interface CaseEventsTable {
  id: string;
  tenant_id: string;
  case_id: string;
  type: string;
  visibility: 'counsellor' | 'school_staff' | 'mentor' | 'guardian';
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  person_id: string | null;
  referral_id: string | null;
  stage: JSONColumnType<
    { id: string; state: { status: 'open' | 'done' | 'not_needed'; reason?: string } } | null,
    string | null,
    string | null
  >;
  corrects: string | null;
  refs: JSONColumnType<Record<string, string>, string, string>;
  note_enc: Uint8Array | null;
  /** When it happened, if given (0106); NULL: when it was recorded (`at`). */
  occurred_at: Date | null;
  /** home_school_contact only: home_visit | phone | school_meeting | online (0106). */
  contact_kind: string | null;
}

export interface ConcernsTable {
  id: string;
  tenant_id: string;
  student_id: string;
  school_id: string;
  kind: string;
  tier: 'attention' | 'high' | 'critical';
  raised_by_id: string;
  raised_by_role: string;
  alert_id: string;
  case_id: string | null;
  note_enc: Uint8Array | null;
  created_at: Date;
}

export interface StudentContactsTable {
  id: string;
  tenant_id: string;
  student_id: string;
  school_id: string;
  class_id: string | null;
  kind: 'home_visit' | 'mentor_meeting';
  at: Date;
  recorded_by_id: string;
  recorded_by_role: string;
  note_enc: Uint8Array | null;
  created_at: Date;
}

export interface HotlinesTable {
  id: string;
  tenant_id: string;
  scope: 'province' | 'city' | 'county' | 'school';
  org_unit_id: string;
  kind: string;
  name: JSONColumnType<object, string, string>;
  numbers: JSONColumnType<object, string, string>;
  audiences: JSONColumnType<object, string, string>;
  schedule: JSONColumnType<object, string, string>;
  hours_note: JSONColumnType<object | null, string | null, string | null>;
  verification: JSONColumnType<object, string, string>;
  created_at: Date;
  retired_at: Date | null;
}

// ---- Parent school (migration 0008) ----

export interface ParentSchoolSessionsTable {
  id: string;
  tenant_id: string;
  title: string;
  topic: string;
  speaker: string;
  description: string | null;
  mode: 'online' | 'offline';
  place: string | null;
  link: string | null;
  capacity: number;
  starts_at: Date;
  ends_at: Date;
  status: 'scheduled' | 'cancelled';
  created_by: string;
  created_at: Date;
  updated_at: Date;
  cancelled_at: Date | null;
}

export interface ParentSchoolTargetsTable {
  session_id: string;
  tenant_id: string;
  school_id: string;
  grade_id: string | null;
}

export interface ParentSchoolSignupsTable {
  id: string;
  tenant_id: string;
  session_id: string;
  guardian_id: string;
  student_id: string;
  family_key: string;
  school_id: string;
  grade_id: string | null;
  class_id: string | null;
  attendee_count: number;
  state: 'confirmed' | 'waitlisted' | 'cancelled';
  created_at: Date;
  confirmed_at: Date | null;
  promoted: Generated<boolean>;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancel_reason: 'family' | 'staff' | 'session_cancelled' | null;
  checked_in_at: Date | null;
  checked_in_by: string | null;
  attended_count: number | null;
}

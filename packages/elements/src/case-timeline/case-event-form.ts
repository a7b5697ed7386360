import {
  homeSchoolContactKinds,
  occurredAtBeforeOpeningMs,
  type Case,
  type CaseEvent,
  type CaseEventCreate,
  type CaseEventType,
  type CaseStageId,
  type HomeSchoolContactKind,
  type Visibility,
} from '@xinqiao/contracts/cases';
import { instantFromShanghaiLocal } from './case-time.js';

/** What this caller may do, from the server's `allowedActions` (never re-derived from a role). */
export type CaseAction = Case['allowedActions'][number];

/** A kind of entry the add-event form offers: an event type, or "advance an existing referral". */
export type FormKind = CaseEventType | 'referral_step';

/** Event types recorded under a stage of their own (offered in this order after a pairing). */
export const generalTypes: readonly CaseEventType[] = [
  'intervention_session',
  'peer_follow_up',
  'home_school_contact',
  'rescreening',
];

/** The steps of an existing referral (offered together as one `referral_step` kind). */
export const referralStepTypes: readonly CaseEventType[] = [
  'referral_consented',
  'referral_sent',
  'referral_accepted',
  'referral_rejected',
  'referral_completed',
];

/** The order the form lists its kinds in (other types the server allows come after these). */
const kindOrder: readonly FormKind[] = [
  'pairing_assigned',
  ...generalTypes,
  'referral_proposed',
  'referral_step',
  'note',
  'closure_requested',
  'closure_approved',
];

/** The stage an event type belongs to (the stage the form offers to update with it). */
export const stageOfType: Partial<Record<CaseEventType, CaseStageId>> = {
  screening_filed: 'assessment',
  rescreening: 'assessment',
  pairing_assigned: 'pairing',
  intervention_session: 'intervention',
  peer_follow_up: 'peer_follow_up',
  home_school_contact: 'home_school',
  referral_proposed: 'referral',
  referral_consented: 'referral',
  referral_sent: 'referral',
  referral_accepted: 'referral',
  referral_rejected: 'referral',
  referral_completed: 'referral',
};

/** A referral as the caller's timeline shows it: the proposal and the steps recorded since. */
export interface Referral {
  id: string;
  proposed: CaseEvent | undefined;
  latest: CaseEventType;
  /** Steps that may be recorded next (proposed → consented → sent → accepted/rejected → completed). */
  next: CaseEventType[];
}

/** Referrals in `events` (oldest first), with the steps each may take next. */
export function referralsOf(events: readonly CaseEvent[]): Referral[] {
  const byId = new Map<
    string,
    { proposed?: CaseEvent; seen: Set<CaseEventType>; latest: CaseEventType }
  >();
  for (const e of events) {
    if (!e.type.startsWith('referral_') || !e.referralId) continue;
    let r = byId.get(e.referralId);
    if (!r) {
      r = { seen: new Set(), latest: e.type };
      byId.set(e.referralId, r);
    }
    r.seen.add(e.type);
    r.latest = e.type;
    if (e.type === 'referral_proposed') r.proposed = e;
  }
  return [...byId].map(([id, r]) => {
    const has = (t: CaseEventType) => r.seen.has(t);
    const next: CaseEventType[] = [];
    if (has('referral_proposed') && !has('referral_consented')) next.push('referral_consented');
    if (has('referral_consented') && !has('referral_sent')) next.push('referral_sent');
    if (has('referral_sent') && !has('referral_accepted') && !has('referral_rejected'))
      next.push('referral_accepted', 'referral_rejected');
    if (has('referral_accepted') && !has('referral_completed')) next.push('referral_completed');
    return { id, proposed: r.proposed, latest: r.latest, next };
  });
}

/**
 * The event types the caller may add now: the server's `allowedEventTypes`, narrowed by the
 * portal's `eventTypes` when it sets them (a narrowing never adds a type).
 */
export function offeredTypes(
  allowed: readonly CaseEventType[],
  narrow?: readonly CaseEventType[],
): CaseEventType[] {
  return narrow ? allowed.filter((t) => narrow.includes(t)) : [...allowed];
}

/** `referrals` with their next steps cut to `types`; those left with no step are dropped. */
export function offeredReferrals(
  referrals: readonly Referral[],
  types: readonly CaseEventType[],
): Referral[] {
  return referrals
    .map((r) => ({ ...r, next: r.next.filter((n) => types.includes(n)) }))
    .filter((r) => r.next.length);
}

/**
 * The kinds of entry to offer for the offered `types` (see `offeredTypes`): each type once, in the
 * form's order, with the referral steps folded into `referral_step` when a referral in
 * `referrals` may take one of them next.
 */
export function offeredKinds(
  types: readonly CaseEventType[],
  referrals: readonly Referral[],
): FormKind[] {
  const kinds = new Set<FormKind>();
  const stepOpen = offeredReferrals(referrals, types).length > 0;
  for (const t of types) {
    if (!referralStepTypes.includes(t)) kinds.add(t);
    else if (stepOpen) kinds.add('referral_step');
  }
  const rank = (k: FormKind) => {
    const i = kindOrder.indexOf(k);
    return i < 0 ? kindOrder.length : i;
  };
  return [...kinds].sort((a, b) => rank(a) - rank(b));
}

/** The visibility an entry of `kind` gets by default (`undefined`: fixed to counsellor). */
export function defaultVisibility(kind: FormKind, step?: CaseEventType): Visibility {
  if (kind === 'note' || kind === 'referral_proposed') return 'counsellor';
  if (kind === 'home_school_contact') return 'guardian';
  if (kind === 'referral_step' && step === 'referral_consented') return 'guardian';
  return 'school_staff';
}

/**
 * Kinds that record something that happened (a visit, a session, a referral step, a pairing), so
 * the form asks when, for entries written up later. Not notes, nor closure requests/approvals.
 */
export const occurredKinds: readonly FormKind[] = [
  'pairing_assigned',
  'intervention_session',
  'peer_follow_up',
  'home_school_contact',
  'rescreening',
  'referral_proposed',
  'referral_step',
];

/** How a home–school contact took place, in the order the form offers them. */
export const contactKinds: readonly HomeSchoolContactKind[] = homeSchoolContactKinds;

/**
 * The earliest instant an entry of a case opened at `openedAt` may have happened (the contracts'
 * rule; the form allows no clock skew into the future, the server a few minutes).
 */
export function earliestOccurredAt(openedAt: string): Date {
  return new Date(Date.parse(openedAt) - occurredAtBeforeOpeningMs);
}

/** Kinds whose visibility is fixed to counsellors (they carry sealed text). */
export const counsellorOnlyKinds: readonly FormKind[] = ['note', 'referral_proposed'];

/** The stage status the form pre-selects for `type` ('' = leave the stage unchanged). */
export function defaultStageStatus(type: CaseEventType): '' | 'done' {
  return type === 'pairing_assigned' || type === 'referral_completed' ? 'done' : '';
}

/** Form values, as read from the form's `FormData`. */
export type FormValues = Record<string, string>;

/** A field's problem, by message key of the catalog. */
export type FieldProblem =
  | 'required'
  | 'chooseOne'
  | 'tooLong'
  | 'invalidId'
  | 'noteNeedsCounsellor'
  | 'confirmRequired'
  | 'invalidTime'
  | 'occurredInFuture'
  | 'occurredTooEarly';

export const limits = { note: 8000, reason: 500, hospital: 200 } as const;
const opaqueId = /^[a-z]{2,5}_[0-9A-Za-z]{16,40}$/;

/** The event type a filled form records. */
export function typeOf(kind: FormKind, v: FormValues): CaseEventType | undefined {
  if (kind !== 'referral_step') return kind;
  return (v['step'] as CaseEventType | undefined) || undefined;
}

/** Checks the form; field name → problem (empty when the entry can be sent). */
export function validate(
  kind: FormKind,
  v: FormValues,
  opts: {
    stagesVisible: boolean;
    personPicker: boolean;
    /** The clock `occurredAt` may not be after (the element's `now`). */
    now?: Date;
    /** When the case was opened: `occurredAt` may be up to 30 days before it, not earlier. */
    openedAt?: string | undefined;
  },
): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  const text = (name: string) => (v[name] ?? '').trim();
  const type = typeOf(kind, v);
  if (kind === 'pairing_assigned') {
    if (!text('personId')) problems['personId'] = opts.personPicker ? 'chooseOne' : 'required';
    else if (!opaqueId.test(text('personId'))) problems['personId'] = 'invalidId';
    if (!text('pairingKind')) problems['pairingKind'] = 'chooseOne';
  }
  if (kind === 'referral_proposed') {
    if (!text('hospital')) problems['hospital'] = 'required';
    else if (text('hospital').length > limits.hospital) problems['hospital'] = 'tooLong';
  }
  if (kind === 'referral_step') {
    if (!text('referralId')) problems['referralId'] = 'chooseOne';
    if (!type) problems['step'] = 'chooseOne';
    if (type === 'referral_consented' && !text('consentBy')) problems['consentBy'] = 'chooseOne';
  }
  if (
    kind === 'home_school_contact' &&
    !(contactKinds as readonly string[]).includes(text('contactKind'))
  )
    problems['contactKind'] = 'chooseOne';
  if (occurredKinds.includes(kind) && text('occurredAt')) {
    const at = instantFromShanghaiLocal(text('occurredAt'));
    if (!at) problems['occurredAt'] = 'invalidTime';
    else if (opts.now && at.getTime() > opts.now.getTime())
      problems['occurredAt'] = 'occurredInFuture';
    else if (opts.openedAt && at < earliestOccurredAt(opts.openedAt))
      problems['occurredAt'] = 'occurredTooEarly';
  }
  if (kind === 'note' && !text('note')) problems['note'] = 'required';
  if (text('note').length > limits.note) problems['note'] = 'tooLong';
  if (kind === 'closure_approved' && v['confirm'] !== 'yes')
    problems['confirm'] = 'confirmRequired';
  const visibility = counsellorOnlyKinds.includes(kind) ? 'counsellor' : text('visibility');
  if (!visibility) problems['visibility'] = 'chooseOne';
  else if (text('note') && visibility !== 'counsellor' && !problems['note'])
    problems['visibility'] = 'noteNeedsCounsellor';
  if (opts.stagesVisible && text('stageStatus') === 'not_needed') {
    if (!text('stageReason')) problems['stageReason'] = 'required';
    else if (text('stageReason').length > limits.reason) problems['stageReason'] = 'tooLong';
  }
  return problems;
}

/** The request body for a valid form (see `validate`). */
export function bodyOf(
  kind: FormKind,
  v: FormValues,
  opts: { hospitalPrefix: string; corrects?: string | undefined },
): CaseEventCreate {
  const text = (name: string) => (v[name] ?? '').trim();
  const type = typeOf(kind, v)!;
  const visibility = (
    counsellorOnlyKinds.includes(kind) ? 'counsellor' : text('visibility')
  ) as Visibility;
  const body: CaseEventCreate = { type, visibility };
  let note = text('note');
  if (kind === 'referral_proposed')
    note = `${opts.hospitalPrefix}${text('hospital')}${note ? `\n${note}` : ''}`;
  if (note) body.note = note;
  if (type === 'pairing_assigned') {
    body.personId = text('personId');
    body.pairingKind = text('pairingKind') as NonNullable<CaseEventCreate['pairingKind']>;
  }
  if (kind === 'referral_step') body.referralId = text('referralId');
  if (type === 'referral_consented') body.consentBy = text('consentBy') as 'guardian' | 'student';
  const stage = stageOfType[type];
  const status = text('stageStatus');
  if (stage && status === 'not_needed')
    body.stage = { id: stage, state: { status: 'not_needed', reason: text('stageReason') } };
  else if (stage && (status === 'open' || status === 'done'))
    body.stage = { id: stage, state: { status } };
  if (type === 'home_school_contact' && text('contactKind'))
    body.contactKind = text('contactKind') as HomeSchoolContactKind;
  // Empty: it happened now (the server dates it). Otherwise Beijing time, sent as an instant.
  const occurred = occurredKinds.includes(kind)
    ? instantFromShanghaiLocal(text('occurredAt'))
    : undefined;
  if (occurred) body.occurredAt = occurred.toISOString();
  if (opts.corrects) body.corrects = opts.corrects;
  return body;
}

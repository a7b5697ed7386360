import type { Locale } from '@xinqiao/contracts/ids';
/**
 * The four-level warning network as data (ARCHITECTURE §3) — the one routing table the server,
 * the demo and the tests use. Who is told at once, when acknowledgement is due, and whom a
 * missed deadline escalates to.
 */
export type RoutedRole =
  'class_teacher' | 'grade_leader' | 'counsellor' | 'school_admin' | 'on_call';
export type EscalationRung = RoutedRole | 'district';

export type Due =
  /** Wall-clock minutes, around the clock (critical: the on-call contact covers nights). */
  | { kind: 'clock'; minutes: number }
  /** Until the close of the current school day (or the next one, out of hours). */
  | { kind: 'same_school_day' }
  /** Counted in school hours only. */
  | { kind: 'school_days'; days: number };

export interface Route {
  /** Told at once. Empty for `attention`: it goes on the counsellor's review list, no push. */
  notify: readonly RoutedRole[];
  due: Due;
  /** Rungs, in order, each reached when the previous deadline passes unacknowledged. */
  escalate: readonly EscalationRung[];
  push: boolean;
}

export const routingTable = {
  critical: {
    notify: ['class_teacher', 'counsellor', 'school_admin', 'on_call'],
    due: { kind: 'clock', minutes: 10 },
    // district = an identity-free count of overdue critical alerts, never the student
    escalate: ['grade_leader', 'school_admin', 'district'],
    push: true,
  },
  high: {
    notify: ['class_teacher', 'counsellor'],
    due: { kind: 'school_days', days: 1 },
    escalate: ['grade_leader', 'school_admin'],
    push: true,
  },
  attention: {
    notify: [],
    due: { kind: 'school_days', days: 5 },
    escalate: [],
    push: false,
  },
} as const satisfies Record<'critical' | 'high' | 'attention', Route>;

/** High alerts from a positive ASQ are due the same school day, not one school day later. */
export const asqPositiveHighDue: Due = { kind: 'same_school_day' };

/** When a role is empty for the student's unit, the alert goes to this role at once instead. */
export const gapFallback: Record<RoutedRole, RoutedRole | null> = {
  class_teacher: 'grade_leader',
  grade_leader: 'school_admin',
  counsellor: 'school_admin',
  on_call: 'school_admin',
  school_admin: null,
};

/** What the staff member is asked to do, per tier (shown with the alert; never a diagnosis). */
export const recommendedActions: Record<
  Locale,
  Record<'critical' | 'high' | 'attention', string>
> = {
  'zh-CN': {
    critical:
      '不要让学生独处。心理老师立即与学生面谈，做完整的安全评估；家庭环节由心理老师负责（除非学生安全另有需要，应联系监护人）并记录。',
    high: '心理老师在期限内与学生谈话（ASQ 阳性时做简短安全评估），并记录处理决定，包括是否以及如何让家庭参与。',
    attention: '在心理老师下一轮复查时查看；可考虑谈话和复测。',
  },
  en: {
    critical:
      "Do not leave the student alone. The counsellor sees the student now for a full safety evaluation; the counsellor owns the family step (contact a guardian unless the student's safety requires otherwise) and records it.",
    high: 'The counsellor talks with the student within the deadline (a brief safety assessment if the ASQ was positive) and records the decision, including whether and how the family is involved.',
    attention:
      "Review at the counsellor's next review round; consider a conversation and a re-screening.",
  },
};

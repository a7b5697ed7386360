import type { StudentRef } from './session.js';

/** The students the signed-in user may see by name (the portal's own directory, scoped). */
export async function loadStudents(): Promise<Map<string, StudentRef>> {
  const res = await fetch('/api/students', { credentials: 'same-origin' });
  const { data } = (await res.json()) as { data: StudentRef[] };
  return new Map(data.filter((s) => s.id).map((s) => [s.id!, s]));
}

export interface StaffRef {
  id: string | null;
  name: string;
  role: string;
  roleLabel: string;
}

export async function loadStaff(): Promise<Map<string, StaffRef>> {
  const res = await fetch('/api/staff', { credentials: 'same-origin' });
  if (!res.ok) return new Map();
  const { data } = (await res.json()) as { data: StaffRef[] };
  return new Map(data.filter((s) => s.id).map((s) => [s.id!, s]));
}

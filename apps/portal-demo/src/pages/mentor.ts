// Mentor (五老 volunteer) page: only the cases of students paired with this mentor. The server
// decides what a mentor may read; the portal asks for each student of the school and shows what
// comes back (until the API can list "my cases", see the portal's README).
import '@xinqiao/elements/define/xq-provider';
import '@xinqiao/elements/define/xq-case-timeline';
import type { XqProvider } from '@xinqiao/elements';
import { connectProvider } from './embed.js';
import { casesOf, renderCaseList, showCase } from './lib/cases.js';
import { byId } from './lib/dom.js';
import { startMessages } from './lib/messages.js';
import { requireRole, signedIn } from './lib/session.js';
import { loadStaff, loadStudents } from './lib/students.js';

const me = await signedIn();
if (requireRole(me, ['volunteer'])) {
  startMessages(byId('messages-list'));
  const client = await connectProvider(byId<XqProvider>('provider'), me.apiUrl);
  const [students, staff] = await Promise.all([loadStudents(), loadStaff()]);
  const cases = (await casesOf(client, [...students.keys()])).filter((c) => c.state === 'open');
  renderCaseList(
    byId('cases'),
    cases,
    students,
    (c) => void showCase(byId('case-view'), client, c, { students, staff }, { mentor: true }),
    { empty: '目前没有与您结对的学生。' },
  );
}

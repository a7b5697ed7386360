import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../define/xq-parent-school-signup.js';
import {
  apiError,
  memorySource,
  sampleChildren,
  sampleNow,
  sampleSessions,
  sampleSignup,
} from '../test/parent-school-fixtures.js';
import type { ParentSchoolDataSource, ParentSchoolSession } from './parent-school-source.js';

// Every state of the signup. Data comes through the element's `source` seam from an in-memory
// sample shaped like the contracts (Storybook has no server): signups take seats until a session
// is full, then join the waitlist. The clock is fixed at 2026-11-25 10:00 in Shanghai.

interface SignupArgs {
  source?: ParentSchoolDataSource;
  sessions?: ParentSchoolSession[];
  withData?: boolean;
  empty?: boolean;
}

const never: ParentSchoolDataSource = {
  ...memorySource(),
  listSessions: () => new Promise(() => {}),
};
const offline: ParentSchoolDataSource = {
  ...memorySource(),
  listSessions: async () => {
    throw Object.assign(new Error('Failed to fetch'), { name: 'ConnectionError' });
  },
};
const refusing: ParentSchoolDataSource = {
  ...memorySource(),
  signup: async () => {
    throw apiError(403, 'not_eligible');
  },
};

/** ps_2 (full) with this family second on its waitlist. */
const waitlisted = structuredClone(sampleSessions).map((s) =>
  s.id === 'ps_2'
    ? {
        ...s,
        waitlisted: 2,
        mySignups: [
          sampleSignup({
            id: 'su_2',
            sessionId: 'ps_2',
            childStudentId: 'st_2',
            state: 'waitlisted',
            waitlistPosition: 2,
          }),
        ],
      }
    : s,
);

const meta = {
  title: 'Elements/Parent-school signup',
  component: 'xq-parent-school-signup',
  parameters: {
    docs: {
      description: {
        component:
          'Upcoming parent-school sessions with filters, details, signup for a chosen child, ' +
          "waitlist position, cancel and the server's `.ics` file. Fires `xq-signup` and " +
          '`xq-cancel`.',
      },
    },
  },
  render: ({ source, sessions, withData, empty }) =>
    withData || empty
      ? html`<xq-parent-school-signup
          school="sc_1"
          .now=${sampleNow}
          .sessions=${empty ? [] : (sessions ?? sampleSessions)}
          .students=${sampleChildren}
        ></xq-parent-school-signup>`
      : html`<xq-parent-school-signup
          school="sc_1"
          .now=${sampleNow}
          .source=${source ?? memorySource()}
        ></xq-parent-school-signup>`,
} satisfies Meta<SignupArgs>;

export default meta;
type Story = StoryObj<SignupArgs>;

/** Interactive: sign up, join the waitlist of the full session, cancel. */
export const Sessions: Story = {};

export const Loading: Story = { args: { source: never } };

export const LoadError: Story = {
  name: 'Error',
  args: { source: memorySource({ fail: true }) },
};

export const Offline: Story = { args: { source: offline } };

export const Empty: Story = { args: { empty: true } };

/** No provider and no data: the element says where to sign in. */
export const Unavailable: Story = {
  render: () => html`<xq-parent-school-signup school="sc_1"></xq-parent-school-signup>`,
};

/** A signup on the waitlist, at position 2. */
export const Waitlisted: Story = { args: { withData: true, sessions: waitlisted } };

/** The API refuses the signup (403 `not_eligible`): open a session and sign up to see it. */
export const SignupRefused: Story = { args: { source: refusing } };

/** Opens a session's details and joins the waitlist of the full one. */
export const JoinedWaitlist: Story = {
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('xq-parent-school-signup');
    const root = el?.shadowRoot;
    for (let i = 0; i < 50 && el?.loadState !== 'ready'; i += 1)
      await new Promise((r) => setTimeout(r, 20));
    await el?.updateComplete;
    root?.querySelector<HTMLButtonElement>('[data-session="ps_2"] button[aria-expanded]')?.click();
    await el?.updateComplete;
    root?.querySelector<HTMLButtonElement>('[data-session="ps_2"] button[type="submit"]')?.click();
    for (let i = 0; i < 50 && !root?.querySelector('[role="status"]')?.textContent?.trim(); i += 1)
      await new Promise((r) => setTimeout(r, 20));
    await expect(root?.querySelector('[role="status"]')?.textContent).toContain('1');
  },
};

export const Mobile320: Story = {
  globals: { viewport: { value: 'mobile320', isRotated: false } },
};

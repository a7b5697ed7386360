import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../define/xq-parent-school-signup.js';
import {
  memorySource,
  sampleChildren,
  sampleNow,
  sampleSessions,
  sampleSignups,
} from '../test/parent-school-fixtures.js';
import type { ParentSchoolDataSource, ParentSchoolSignup } from './parent-school-source.js';

// Every state of the signup. Data comes through the element's `source` seam from an in-memory
// sample (Storybook has no server): signups take seats until a session is full, then join the
// waitlist. The clock is fixed at 2026-11-25 10:00 in Shanghai.

interface SignupArgs {
  source?: ParentSchoolDataSource;
  signups?: ParentSchoolSignup[];
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

const meta = {
  title: 'Elements/Parent-school signup',
  component: 'xq-parent-school-signup',
  parameters: {
    docs: {
      description: {
        component:
          'Upcoming parent-school sessions with filters, details, signup for a chosen child, ' +
          'waitlist position, cancel and an `.ics` calendar file. Fires `xq-signup` and ' +
          '`xq-cancel`.',
      },
    },
  },
  render: ({ source, signups, withData, empty }) =>
    withData || empty
      ? html`<xq-parent-school-signup
          school="sc_1"
          .now=${sampleNow}
          .sessions=${empty ? [] : sampleSessions}
          .students=${sampleChildren}
          .signups=${signups ?? sampleSignups}
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
  args: { source: memorySource(undefined, undefined, undefined, { fail: true }) },
};

export const Offline: Story = { args: { source: offline } };

export const Empty: Story = { args: { empty: true } };

/** No provider and no data: the element says where to sign in. */
export const Unavailable: Story = {
  render: () => html`<xq-parent-school-signup school="sc_1"></xq-parent-school-signup>`,
};

/** A signup on the waitlist, at position 2. */
export const Waitlisted: Story = {
  args: {
    withData: true,
    signups: [
      {
        id: 'su_2',
        sessionId: 'ps_2',
        childId: 'st_2',
        attendees: 1,
        status: 'waitlisted',
        waitlistPosition: 2,
      },
    ],
  },
};

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

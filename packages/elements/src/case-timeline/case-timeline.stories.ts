import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { CaseEventType, Visibility } from '@xinqiao/contracts/cases';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../define/xq-case-timeline.js';
import {
  longTimeline,
  memoryCaseSource,
  sampleCase,
  sampleCaseNow,
  samplePeople,
  viewFor,
} from '../test/case-fixtures.js';
import type { CaseTimelineDataSource } from './case-source.js';

// Every state of the timeline, each role's view. Data comes through the element's `source` seam
// from in-memory samples filtered the way the server filters them per role (Storybook has no
// server); the clock is fixed at Wednesday 2026-11-25, 10:00 in Shanghai.

interface TimelineArgs {
  source: CaseTimelineDataSource;
  eventTypes?: CaseEventType[];
  visibilities?: Visibility[];
  people?: typeof samplePeople;
}

const failing = (code: string, name = 'ApiError'): CaseTimelineDataSource => ({
  ...memoryCaseSource(),
  getCase: async () => {
    throw Object.assign(new Error(code), { name, code });
  },
});

const meta = {
  title: 'Elements/Case timeline',
  component: 'xq-case-timeline',
  parameters: {
    docs: {
      description: {
        component:
          'A case’s six parallel stages and its append-only timeline as the signed-in adult may ' +
          'see it, offering exactly the entry types the server allows (`allowedEventTypes`). Fires ' +
          '`xq-case-event-added` and `xq-error`.',
      },
    },
  },
  args: { source: memoryCaseSource(), people: samplePeople },
  render: ({ source, eventTypes, visibilities, people }) =>
    html`<xq-case-timeline
      case-id=${sampleCase.id}
      .source=${source}
      .people=${people ?? samplePeople}
      .eventTypes=${eventTypes}
      .visibilities=${visibilities}
      .now=${sampleCaseNow}
    ></xq-case-timeline>`,
} satisfies Meta<TimelineArgs>;

export default meta;
type Story = StoryObj<TimelineArgs>;

/** A counsellor: every entry, notes, the six stages and every action the server allows. */
export const CounsellorView: Story = {
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('xq-case-timeline');
    for (let i = 0; i < 5 && el?.loadState !== 'ready'; i += 1) await el?.updateComplete;
    await expect(el?.shadowRoot?.querySelectorAll('[part~="stage"]').length).toBe(6);
    await expect(el?.shadowRoot?.querySelector('[part~="add-button"]')).toBeTruthy();
  },
};

/** The counsellor with the add-entry form open on a pairing. */
export const AddEntryForm: Story = {
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('xq-case-timeline');
    for (let i = 0; i < 5 && el?.loadState !== 'ready'; i += 1) await el?.updateComplete;
    el?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="add-button"]')?.click();
  },
};

/**
 * Recording a home visit written up later: how it took place (家访, 电话, 来校面谈, 线上沟通) and when
 * it happened, in Beijing time (empty = now). The timeline's 11月18日 home visit shows both dates.
 */
export const AddHomeVisit: Story = {
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('xq-case-timeline');
    for (let i = 0; i < 5 && el?.loadState !== 'ready'; i += 1) await el?.updateComplete;
    el?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="add-button"]')?.click();
    await el?.updateComplete;
    const kind = el?.shadowRoot?.querySelector<HTMLSelectElement>('#f-kind');
    if (kind) {
      kind.value = 'home_school_contact';
      kind.dispatchEvent(new Event('change', { bubbles: true }));
    }
    await el?.updateComplete;
    await expect(el?.shadowRoot?.querySelector('#f-occurredAt')).toBeTruthy();
    await expect(el?.shadowRoot?.querySelectorAll('input[name="contactKind"]').length).toBe(4);
  },
};

/** A class teacher: stages and school-staff entries, no notes; peer follow-up and home-school contact. */
export const ClassTeacherView: Story = {
  args: {
    source: memoryCaseSource(viewFor('class_teacher')),
    visibilities: ['school_staff', 'guardian', 'counsellor'],
  },
};

/** A paired volunteer mentor (五老): mentor entries only, no stages; sessions and peer follow-up. */
export const VolunteerView: Story = {
  args: {
    source: memoryCaseSource(viewFor('volunteer')),
    visibilities: ['mentor'],
  },
};

/** A new case nobody is responsible for yet: overdue. */
export const NewCaseOverdue: Story = {
  args: {
    source: memoryCaseSource({
      kase: {
        ...sampleCase,
        stages: Object.fromEntries(
          Object.keys(sampleCase.stages!).map((k) => [k, { status: 'open' }]),
        ) as typeof sampleCase.stages,
        responsibleAdults: [],
        overdue: true,
      },
      events: [],
    }),
  },
};

/** A closed case: no actions. */
export const Closed: Story = {
  args: {
    source: memoryCaseSource({
      kase: {
        ...sampleCase,
        state: 'closed',
        closedAt: '2026-11-25T01:00:00Z',
        allowedActions: [],
        allowedEventTypes: [],
      },
      events: viewFor('counsellor').events,
    }),
  },
};

/** No entry this caller may see yet (e.g. a guardian before anything is shared). */
export const Empty: Story = {
  args: {
    source: memoryCaseSource({
      kase: { ...sampleCase, stages: undefined, allowedActions: [], allowedEventTypes: [] },
      events: [],
    }),
  },
};

export const Loading: Story = {
  args: {
    source: {
      ...memoryCaseSource(),
      getCase: () => new Promise(() => {}),
    },
  },
};

/** The server answers 404 (no such case, or out of the caller's reach). */
export const NotFound: Story = { name: 'Error: not found', args: { source: failing('not_found') } };

/** The server answers 403 (a role that never sees cases). */
export const Forbidden: Story = {
  name: 'Error: forbidden',
  args: { source: failing('forbidden') },
};

export const Offline: Story = {
  args: { source: failing('offline', 'ConnectionError') },
};

/** 500 entries over four months: days render lazily, 100 entries at a time. */
export const LongTimeline: Story = {
  args: { source: memoryCaseSource({ kase: sampleCase, events: longTimeline(500) }) },
};

export const Mobile320: Story = {
  globals: { viewport: { value: 'mobile320', isRotated: false } },
};

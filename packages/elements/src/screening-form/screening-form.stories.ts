import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../define/xq-screening-form.js';
import {
  helpDraft,
  lastScreenDraft,
  memoryScreeningSource,
  sampleCampaign,
  sampleDraft,
  sampleEligibility,
  signalEntry,
  type MemoryOptions,
} from '../test/screening-fixtures.js';
import type { XqScreeningForm } from './screening-form.js';
import type { ScreeningFormLayout } from './screening-form.js';

// Every state of the form. Data comes through the element's `source` seam from an in-memory
// sample that answers as the server and the SDK outbox do (Storybook has no server); the
// instruments are the shipped PHQ-A, GAD-7 and ASQ of @xinqiao/instruments. States that a
// student reaches by answering (the help panel, a queued or sent screening) start from a saved
// draft, as after a reload, or press the buttons in their play function.

interface FormArgs {
  layout: ScreeningFormLayout;
  options: MemoryOptions;
}

const form = (canvas: HTMLElement) => canvas.querySelector('xq-screening-form') as XqScreeningForm;

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
}

/** Presses the form's primary button (start, next, submit, continue) once it is there. */
async function pressPrimary(el: XqScreeningForm, state: string) {
  await until(() => el.formState === state);
  await el.updateComplete;
  el.shadowRoot?.querySelector<HTMLButtonElement>('[part="primary-button"]')?.click();
  await el.updateComplete;
}

const meta = {
  title: 'Elements/Screening form',
  component: 'xq-screening-form',
  parameters: {
    docs: {
      description: {
        component:
          'The screening questionnaire: eligibility before question 1, one question per screen ' +
          'in narrow containers and grouped blocks in wide ones, drafts on the device, the SDK ' +
          'outbox, and the safety path — the help panel first, a safety signal at once, the ASQ ' +
          'next, and an honest line on whether the school has been told. Fires `xq-submit`, ' +
          '`xq-submitted`, `xq-critical` and `xq-error`.',
      },
    },
  },
  args: { layout: 'auto', options: {} },
  argTypes: {
    layout: { control: 'inline-radio', options: ['auto', 'single', 'grouped'] },
    options: { control: false },
  },
  render: ({ layout, options }) =>
    html`<xq-screening-form
      campaign=${sampleCampaign}
      layout=${layout}
      .source=${memoryScreeningSource(options)}
    ></xq-screening-form>`,
} satisfies Meta<FormArgs>;

export default meta;
type Story = StoryObj<FormArgs>;

/** Eligible: the start screen, before question 1. */
export const Intro: Story = {};

export const Loading: Story = { args: { options: { load: 'never' } } };

export const Offline: Story = { args: { options: { load: 'offline' } } };

export const LoadError: Story = { name: 'Error', args: { options: { load: 'error' } } };

export const ConsentRequired: Story = {
  args: {
    options: {
      eligibility: sampleEligibility({
        eligible: false,
        reasons: ['consent_required'],
        missingConsents: ['guardian', 'health_data'],
      }),
    },
  },
};

export const NotOpenYet: Story = {
  args: {
    options: {
      eligibility: sampleEligibility({
        eligible: false,
        reasons: ['not_open_yet'],
        opensAt: '2026-12-01T00:30:00Z',
      }),
    },
  },
};

export const Closed: Story = {
  args: {
    options: { eligibility: sampleEligibility({ eligible: false, reasons: ['closed'] }) },
  },
};

export const AlreadySubmitted: Story = {
  args: {
    options: {
      eligibility: sampleEligibility({
        eligible: false,
        reasons: ['already_submitted'],
        existingScreeningId: 'scr_01JBQ0000000000000000000',
      }),
    },
  },
};

export const NotInCampaign: Story = {
  args: {
    options: { eligibility: sampleEligibility({ eligible: false, reasons: ['not_in_campaign'] }) },
  },
};

/** Question 1, one per screen. */
export const Question: Story = {
  args: { layout: 'single' },
  play: async ({ canvasElement }) => {
    const el = form(canvasElement);
    await pressPrimary(el, 'intro');
    await expect(el.shadowRoot?.querySelectorAll('fieldset').length).toBe(1);
  },
};

/** A wide container: the PHQ-A's Likert block on one screen. */
export const QuestionsGrouped: Story = {
  args: { layout: 'grouped' },
  play: async ({ canvasElement }) => pressPrimary(form(canvasElement), 'intro'),
};

/** Resumed from a draft saved on this device. */
export const Resumed: Story = {
  args: {
    options: {
      draft: sampleDraft({ answers: { 'phq-a': { q1: 1, q2: 0, q3: 2 } }, cursor: 'phq-a/q4' }),
    },
  },
};

/** On a shared device (computer lab): nothing is saved locally, and the form says so. */
export const SharedDevice: Story = {
  args: { options: { eligibility: sampleEligibility({ sharedDevices: true }) } },
};

/** After PHQ-A item 9: the help panel, the safety signal sent. */
export const HelpPanelSent: Story = {
  args: { options: { draft: helpDraft('sent') } },
};

const notSent: MemoryOptions = {
  draft: helpDraft('queued'),
  queued: [
    {
      key: signalEntry('queued').key,
      kind: 'safety-signal',
      status: 'pending',
      flag: 'suicidal-ideation',
    },
  ],
};

/** The same with no network: the signal is kept on the device; the school has NOT been told. */
export const HelpPanelNotSent: Story = { args: { options: notSent } };

/** The signal was refused (e.g. the student has no class on the roster): it says so. */
export const HelpPanelFailed: Story = {
  args: { options: { draft: helpDraft('failed') } },
};

/** Submitted with no network: kept on this device by the outbox. */
export const Queued: Story = {
  args: {
    options: {
      queued: [
        { key: 'c0ffee00-0000-4000-8000-000000000001', kind: 'screening', status: 'pending' },
      ],
    },
  },
};

/** Submitted: the campaign's result message, no tier (the default result policy). */
export const Submitted: Story = {
  args: { options: { draft: lastScreenDraft() } },
  play: async ({ canvasElement }) => {
    const el = form(canvasElement);
    await pressPrimary(el, 'intro');
    await pressPrimary(el, 'question');
    await until(() => el.formState === 'submitted');
    await expect(el.formState).toBe('submitted');
  },
};

/** Submitted where the result policy shows the tier. */
export const SubmittedWithTier: Story = {
  args: { options: { draft: lastScreenDraft(), tier: 'attention' } },
  play: Submitted.play!,
};

/** Refused after answering (the campaign closed meanwhile). */
export const Refused: Story = {
  args: { options: { draft: lastScreenDraft(), submit: 'closed' } },
  play: async ({ canvasElement }) => {
    const el = form(canvasElement);
    await pressPrimary(el, 'intro');
    await pressPrimary(el, 'question');
    await until(() => el.formState === 'rejected');
  },
};

/** Could not submit and nothing kept (a client without an outbox): the answers stay on the page. */
export const NotSent: Story = {
  args: { options: { draft: lastScreenDraft(), submit: 'unsent' } },
  play: async ({ canvasElement }) => {
    const el = form(canvasElement);
    await pressPrimary(el, 'intro');
    await pressPrimary(el, 'question');
  },
};

export const Mobile320: Story = {
  args: { layout: 'auto' },
  globals: { viewport: { value: 'mobile320', isRotated: false } },
  play: async ({ canvasElement }) => pressPrimary(form(canvasElement), 'intro'),
};

export const HelpPanelMobile320: Story = {
  args: { options: notSent },
  globals: { viewport: { value: 'mobile320', isRotated: false } },
};

/**
 * A guardian answering the PSC-17 about their child (`student-id` set): the same form in the
 * guardian's voice — titled 家长问卷, about the child, never the student's "你".
 */
export const Guardian: Story = {
  args: {
    options: {
      eligibility: sampleEligibility({ instruments: ['psc-17'], studentId: 'stu_child' }),
    },
  },
  render: ({ layout, options }) =>
    html`<xq-screening-form
      campaign=${sampleCampaign}
      student-id="stu_child"
      layout=${layout}
      .source=${memoryScreeningSource(options)}
    ></xq-screening-form>`,
  play: async ({ canvasElement }) => {
    const el = form(canvasElement);
    await until(() => el.formState === 'intro');
    await el.updateComplete;
    await expect(el.shadowRoot?.querySelector('[part="title"]')?.textContent).toContain('家长问卷');
  },
};

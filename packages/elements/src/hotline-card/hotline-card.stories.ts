import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { HotlineWithStatus } from '@xinqiao/contracts/hotlines';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../define/xq-hotline-card.js';
import type { HotlineCardVariant } from './hotline-card.js';
import type { HotlineDataSource } from './hotline-source.js';

// Every state of the card. Local lines come through the card's `source` seam with sample data
// (Storybook has no server); the national lines are the bundled ones. Clocks are fixed:
// 09:00 and 23:00 in Shanghai on Wednesday 2026-11-25.
const inHours = () => new Date('2026-11-25T01:00:00Z');
const outOfHours = () => new Date('2026-11-25T15:00:00Z');

const cityLine: HotlineWithStatus = {
  id: 'hl_city_12356',
  scope: 'city',
  orgUnitId: 'ou_city',
  kind: 'psychological',
  name: { 'zh-CN': '南通市心理援助热线', en: 'Nantong psychological assistance line' },
  numbers: [{ dial: '12356' }],
  audiences: ['student', 'guardian', 'staff', 'public'],
  schedule: {
    kind: 'weekly',
    slots: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '22:00' }],
  },
  verification: { status: 'verified', checkedOn: '2026-11-01', source: { title: '示例来源' } },
  openNow: 'open',
};
const schoolLine: HotlineWithStatus = {
  ...cityLine,
  id: 'hl_school',
  scope: 'school',
  orgUnitId: 'ou_school',
  name: { 'zh-CN': '学校心理辅导室', en: 'School counselling room' },
  numbers: [{ dial: '051388886666' }],
  audiences: ['student', 'guardian'],
  schedule: { kind: 'weekly', slots: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' }] },
};
const unverifiedLine: HotlineWithStatus = {
  ...cityLine,
  id: 'hl_unverified',
  scope: 'city',
  name: { 'zh-CN': '某心理服务热线', en: 'A counselling line' },
  numbers: [{ dial: '4009151095' }],
  schedule: { kind: 'always' },
  verification: { status: 'unverified', checkedOn: null, source: null },
};

const lines = (items: HotlineWithStatus[]): HotlineDataSource => ({
  listHotlines: async () => items,
});
const pending: HotlineDataSource = { listHotlines: () => new Promise(() => {}) };
const failing: HotlineDataSource = {
  listHotlines: async () => {
    throw Object.assign(new Error('internal error'), { code: 'internal_error' });
  },
};
const offline: HotlineDataSource = {
  listHotlines: async () => {
    throw Object.assign(new Error('Failed to fetch'), { name: 'ConnectionError' });
  },
};

interface CardArgs {
  variant: HotlineCardVariant;
  audience: string;
  source?: HotlineDataSource;
  now?: () => Date;
}

const meta = {
  title: 'Elements/Hotline card',
  component: 'xq-hotline-card',
  parameters: {
    docs: {
      description: {
        component:
          'Hotlines with tap-to-call and copy. Renders the bundled national lines with no network ' +
          'and no provider; adds local lines from the server inside `<xq-provider>`. Open/closed ' +
          'is computed in Asia/Shanghai.',
      },
    },
  },
  args: { variant: 'full', audience: '' },
  argTypes: {
    variant: { control: 'inline-radio', options: ['full', 'compact', 'crisis'] },
    audience: { control: 'select', options: ['', 'student', 'guardian', 'staff', 'public'] },
  },
  render: ({ variant, audience, source, now }) =>
    html`<xq-hotline-card
      variant=${variant}
      audience=${audience}
      org-unit=${source ? 'ou_school' : ''}
      .source=${source}
      .now=${now ?? inHours}
    ></xq-hotline-card>`,
} satisfies Meta<CardArgs>;

export default meta;
type Story = StoryObj<CardArgs>;

/** No network, no provider: the bundled national lines. */
export const NationalLinesOffline: Story = {
  play: async ({ canvasElement }) => {
    const card = canvasElement.querySelector('xq-hotline-card');
    await card?.updateComplete;
    const links = [...(card?.shadowRoot?.querySelectorAll('a') ?? [])].map((a) =>
      a.getAttribute('href'),
    );
    await expect(links).toEqual(['tel:12356', 'tel:12355', 'tel:110', 'tel:120']);
  },
};

export const Compact: Story = { args: { variant: 'compact' } };

/** Crisis panel with bundled lines only: their hours vary, so only 110 and 120. */
export const Crisis: Story = { args: { variant: 'crisis' } };

/** Crisis panel with a verified local line open now. */
export const CrisisWithOpenLine: Story = {
  args: { variant: 'crisis', source: lines([cityLine, unverifiedLine]) },
};

/** Local lines in hours (09:00 in Shanghai). */
export const LocalLinesOpen: Story = { args: { source: lines([schoolLine, cityLine]) } };

/** Local lines out of hours (23:00 in Shanghai). */
export const LocalLinesClosed: Story = {
  args: { source: lines([schoolLine, cityLine]), now: outOfHours },
};

/** An unverified line: marked, never labelled 24 h, never in the crisis panel. */
export const UnverifiedLine: Story = { args: { source: lines([unverifiedLine]) } };

export const Loading: Story = { args: { source: pending } };
export const LoadError: Story = { name: 'Error', args: { source: failing } };
export const Offline: Story = { args: { source: offline } };

/** Empty for an audience with no local lines: national lines for that audience and 110/120. */
export const StaffAudience: Story = { args: { audience: 'staff' } };

export const Mobile320: Story = {
  args: { source: lines([schoolLine, cityLine]) },
  globals: { viewport: { value: 'mobile320', isRotated: false } },
};

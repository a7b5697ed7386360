import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
// Imports the defining module from src: package.json "sideEffects" lists ./src/define/**, so
// Storybook's production build keeps the registration (see TOOLCHAIN.md).
import '../../define/xq-decorator-probe.js';

interface ProbeArgs {
  count: number;
  label: string;
}

const meta = {
  title: 'Internal/Decorator probe',
  component: 'xq-decorator-probe',
  parameters: {
    docs: {
      description: {
        component:
          'Pipeline probe, not a product element: it shows that Storybook (vite/oxc) compiles the ' +
          'decorators in the mode of tsconfig.base.json. Click the button: the count and the ' +
          'reflected `count` attribute update.',
      },
    },
  },
  args: { count: 0, label: '加一' },
  argTypes: {
    count: { control: { type: 'number', step: 1 } },
    label: { control: 'text' },
  },
  render: ({ count, label }) =>
    html`<xq-decorator-probe .count=${count} label=${label}></xq-decorator-probe>`,
} satisfies Meta<ProbeArgs>;

export default meta;
type Story = StoryObj<ProbeArgs>;

export const Default: Story = {};

/** Clicks once in its play function; the story fails if the probe does not re-render. */
export const Clicked: Story = {
  args: { count: 41 },
  play: async ({ canvasElement }) => {
    const probe = canvasElement.querySelector('xq-decorator-probe');
    await customElements.whenDefined('xq-decorator-probe');
    await probe?.updateComplete;
    probe?.shadowRoot?.querySelector('button')?.click();
    await probe?.updateComplete;
    await expect(probe?.count).toBe(42);
    await expect(probe?.getAttribute('count')).toBe('42');
    await expect(probe?.shadowRoot?.querySelector('output')?.textContent).toBe('42');
  },
};

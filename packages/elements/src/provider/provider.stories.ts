import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../define/xq-provider.js';
import '../define/xq-hotline-card.js';

interface ProviderArgs {
  locale: string;
  theme: string;
}

const meta = {
  title: 'Elements/Provider',
  component: 'xq-provider',
  parameters: {
    docs: {
      description: {
        component:
          'Provides the SDK client, the locale and the theme to the elements inside it. Here it ' +
          'has no `base-url`, so the card shows the bundled national lines; change `locale` and ' +
          '`theme` to see the card follow.',
      },
    },
  },
  args: { locale: 'zh-CN', theme: 'auto' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
  },
  render: ({ locale, theme }) =>
    html`<xq-provider locale=${locale} theme=${theme}>
      <xq-hotline-card variant="compact"></xq-hotline-card>
    </xq-provider>`,
} satisfies Meta<ProviderArgs>;

export default meta;
type Story = StoryObj<ProviderArgs>;

export const Default: Story = {};
export const EnglishDark: Story = { args: { locale: 'en', theme: 'dark' } };

import type { StorybookConfig } from '@storybook/web-components-vite';

// Storybook for @xinqiao/elements. Stories live next to their element
// (packages/elements/src/<element>/<element>.stories.ts). Vite compiles them with oxc, which reads
// packages/elements/tsconfig.json → tsconfig.base.json: the same decorator mode as every other
// pipeline (the probe's story shows it).
// Autodocs read packages/elements/custom-elements.json, made by the elements build: the root
// `pnpm build-storybook` builds the package first; before `pnpm storybook`, run
// `pnpm --filter @xinqiao/elements build`.
const config: StorybookConfig = {
  stories: ['../packages/elements/src/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};

export default config;

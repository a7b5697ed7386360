import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MINIMAL_VIEWPORTS } from 'storybook/viewport';
import manifest from '../packages/elements/custom-elements.json';
import './preview.css';

// Autodocs (attributes, properties, events, parts, CSS properties) come from the manifest that
// `cem analyze` generates from the elements' JSDoc. Private and protected members (`@state`,
// helpers) are implementation, not API: keep them out of the docs tables and controls.
interface ManifestMember {
  privacy?: string;
}
interface ManifestModule {
  declarations?: { members?: ManifestMember[] }[];
}
const publicApi = {
  ...manifest,
  modules: (manifest.modules as ManifestModule[]).map((module) => ({
    ...module,
    declarations: module.declarations?.map((declaration) => ({
      ...declaration,
      members: declaration.members?.filter(
        (member) => member.privacy !== 'private' && member.privacy !== 'protected',
      ),
    })),
  })),
};
setCustomElementsManifest(publicApi);

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'Locale of the story root (`lang`); elements read the nearest ancestor `lang`.',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'zh-CN', title: '简体中文' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Light or dark: sets `color-scheme` on the story root, which the tokens follow.',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'zh-CN', theme: 'light' },
  decorators: [
    (story, { globals }) => {
      const locale = globals['locale'] === 'en' ? 'en' : 'zh-CN';
      const theme = globals['theme'] === 'dark' ? 'dark' : 'light';
      return html`<div class="xq-story-root xq-theme-${theme}" lang=${locale}>${story()}</div>`;
    },
  ],
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    viewport: {
      options: {
        // ARCHITECTURE §5: every element works at 320 px wide.
        mobile320: {
          name: 'Mobile 320 px',
          styles: { width: '320px', height: '640px' },
          type: 'mobile',
        },
        mobile375: {
          name: 'Mobile 375 px',
          styles: { width: '375px', height: '740px' },
          type: 'mobile',
        },
        ...MINIMAL_VIEWPORTS,
      },
    },
    a11y: { test: 'error' },
  },
};

export default preview;

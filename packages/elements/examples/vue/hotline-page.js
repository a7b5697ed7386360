// Vue 3 usage example (built by vite.examples.config.mjs and run in the browser test suite,
// src/examples.test.ts).
//
// 1. Tell Vue's template compiler that xq-* tags are custom elements, not Vue components:
//    - runtime-compiled templates (this example, the full build `vue/dist/vue.esm-bundler.js`):
//      app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('xq-');
//    - single-file components with @vitejs/plugin-vue:
//      vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('xq-') } } })
// 2. Binding values:
//    - attributes with `:attr` (`:org-unit="orgUnit"`, `:locale="locale"`);
//    - objects and functions as DOM properties with the `.prop` modifier or its `.` shorthand
//      (`.fetchToken="fetchToken"`, `.source="source"`) — never as attributes;
//    - events with `@xq-signup="…"` (the typed event object is the argument: `event.signup`).
//    `v-model` does not work on custom elements without an adapter: bind the value and listen to
//    the element's event instead.
import { createApp } from 'vue';
import '@xinqiao/elements/define/xq-provider.js';
import '@xinqiao/elements/define/xq-hotline-card.js';
import '@xinqiao/elements/define/xq-parent-school-signup.js';

const template = `
  <xq-provider :base-url="apiUrl" :locale="locale" .fetchToken="fetchToken">
    <button type="button" @click="locale = locale === 'en' ? 'zh-CN' : 'en'">
      {{ locale === 'en' ? '中文' : 'English' }}
    </button>
    <xq-hotline-card :org-unit="orgUnit" audience="guardian" variant="compact"></xq-hotline-card>
    <xq-parent-school-signup
      :school="school"
      .source="source"
      @xq-signup="onSignup"
    ></xq-parent-school-signup>
    <output data-last-signup>{{ last }}</output>
  </xq-provider>
`;

/** Mounts the example; returns an unmount function. */
export function mount(container, props) {
  const app = createApp({
    template,
    data: () => ({
      apiUrl: props.apiUrl,
      fetchToken: props.fetchToken,
      orgUnit: props.orgUnit,
      school: props.school,
      source: props.source,
      locale: 'zh-CN',
      last: '',
    }),
    methods: {
      onSignup(event) {
        this.last = `${event.signup.state}:${event.session.id}`;
        props.onSignup?.(event);
      },
    },
  });
  app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('xq-');
  app.mount(container);
  return () => app.unmount();
}

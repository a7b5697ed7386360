// React 19 usage example (built by vite.examples.config.mjs and run in the browser test suite,
// src/examples.test.ts). React 19 passes properties and events to custom elements natively:
// - a prop whose name is a property of the element is set as that property (`fetchToken`,
//   `source`, `sessions`), anything else becomes an attribute (`org-unit`, `variant`);
// - `on<event-name>` listens to that event, so `onxq-signup` receives our `xq-signup` event.
// (React 18 needs @lit/react wrappers instead.)
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@xinqiao/elements/define/xq-provider.js';
import '@xinqiao/elements/define/xq-hotline-card.js';
import '@xinqiao/elements/define/xq-parent-school-signup.js';

export function ParentPage({ apiUrl, fetchToken, orgUnit, school, source, onSignup }) {
  const [locale, setLocale] = useState('zh-CN');
  const [last, setLast] = useState('');
  return (
    <xq-provider base-url={apiUrl} locale={locale} fetchToken={fetchToken}>
      <button type="button" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
        {locale === 'en' ? '中文' : 'English'}
      </button>
      <xq-hotline-card org-unit={orgUnit} audience="guardian" variant="compact"></xq-hotline-card>
      <xq-parent-school-signup
        school={school}
        source={source}
        onxq-signup={(event) => {
          setLast(`${event.signup.state}:${event.session.id}`);
          onSignup?.(event);
        }}
      ></xq-parent-school-signup>
      <output data-last-signup>{last}</output>
    </xq-provider>
  );
}

/** Mounts the example; returns an unmount function. */
export function mount(container, props) {
  const root = createRoot(container);
  root.render(<ParentPage {...props} />);
  return () => root.unmount();
}

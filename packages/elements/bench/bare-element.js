// The baseline of the benchmark: a bare Lit element (one paragraph of Chinese text and a tel:
// link, one style rule, so CJK font fallback costs the same in both cases), bundled with
// Lit by the same vite pipeline as the CDN file and served from the same origin.
import { LitElement, css, html } from 'lit';

class XqBenchBare extends LitElement {
  static styles = css`
    p {
      margin: 0;
    }
  `;
  render() {
    return html`<p>心理援助热线 <a href="tel:12356">12356</a></p>`;
  }
}
customElements.define('xq-bench-bare', XqBenchBare);

// Pipeline: the custom-elements-manifest analyzer (`cem analyze --litelement`, run by
// scripts/manifest.mjs before wtr). It parses the TypeScript itself, so its reading of the
// decorators is checked here on the generated custom-elements.json.
import { expect } from '@open-wc/testing';

interface Member {
  kind: string;
  name: string;
  type?: { text: string };
  privacy?: string;
  reflects?: boolean;
  attribute?: string;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  members?: Member[];
  attributes?: { name: string; fieldName?: string; type?: { text: string } }[];
  events?: { name: string; type?: { text: string } }[];
  cssParts?: { name: string }[];
}
interface Module {
  path: string;
  declarations?: Declaration[];
  exports?: { kind: string; name: string; declaration: { module?: string } }[];
}
interface Manifest {
  schemaVersion: string;
  modules: Module[];
}

const load = async <T>(file: string): Promise<T> => {
  const response = await fetch(new URL(`../${file}`, import.meta.url));
  expect(response.ok, `${file} (run \`pnpm build\` or \`pnpm test\`)`).to.equal(true);
  return (await response.json()) as T;
};

describe('custom-elements.json (CEM analyzer)', () => {
  let manifest: Manifest;
  let probe: Declaration;

  before(async () => {
    manifest = await load<Manifest>('custom-elements.json');
    const found = manifest.modules
      .flatMap((m) => m.declarations ?? [])
      .find((d) => d.tagName === 'xq-decorator-probe');
    if (!found) throw new Error('xq-decorator-probe is not in custom-elements.json');
    probe = found;
  });

  it('reads @property({ type: Number }) count as a reflected number property and attribute', () => {
    const count = probe.members?.find((m) => m.name === 'count');
    expect(count).to.include({ kind: 'field', attribute: 'count', reflects: true });
    expect(count?.type?.text).to.equal('number');
    const attribute = probe.attributes?.find((a) => a.name === 'count');
    expect(attribute?.fieldName).to.equal('count');
    expect(attribute?.type?.text).to.equal('number');
  });

  it('reads @state as private state with no attribute', () => {
    const clicks = probe.members?.find((m) => m.name === 'clicks');
    expect(clicks?.privacy).to.equal('private');
    expect(clicks?.attribute).to.equal(undefined);
    expect(probe.attributes?.map((a) => a.name)).to.deep.equal(['count', 'label']);
  });

  it('carries the JSDoc contract: summary, typed event, parts', () => {
    expect(probe.customElement).to.equal(true);
    expect(probe.summary).to.be.a('string').and.not.equal('');
    expect(probe.events).to.deep.include({
      name: 'xq-probe-increment',
      type: { text: 'XqProbeIncrementEvent' },
      description: 'After a click raised `count`; carries the new value as `event.count`.',
    });
    expect(probe.cssParts?.map((p) => p.name)).to.deep.equal(['button', 'value']);
  });

  it('points at the published dist modules and records the guarded definition', () => {
    const define = manifest.modules.find((m) => m.path === 'dist/define/xq-decorator-probe.js');
    expect(define?.exports).to.deep.include({
      kind: 'custom-element-definition',
      name: 'xq-decorator-probe',
      declaration: {
        name: 'XqDecoratorProbe',
        module: 'dist/internal/decorator-probe/decorator-probe.js',
      },
    });
    expect(
      manifest.modules.every((m) => m.path.startsWith('dist/') && m.path.endsWith('.js')),
    ).to.equal(true);
  });

  it('derives the editor data (VS Code, JetBrains) from it', async () => {
    const vscode = await load<{ tags: { name: string; attributes: { name: string }[] }[] }>(
      'vscode.html-custom-data.json',
    );
    expect(
      vscode.tags.find((t) => t.name === 'xq-decorator-probe')?.attributes.map((a) => a.name),
    ).to.deep.equal(['count', 'label']);
    const webTypes = await load<{
      contributions: {
        html: {
          elements: { name: string; attributes: { name: string; value: { type: string } }[] }[];
        };
      };
    }>('web-types.json');
    const element = webTypes.contributions.html.elements.find(
      (e) => e.name === 'xq-decorator-probe',
    );
    expect(element?.attributes.find((a) => a.name === 'count')?.value.type).to.equal('number');
  });

  describe('product elements', () => {
    const find = (tag: string) => {
      const found = manifest.modules
        .flatMap((m) => m.declarations ?? [])
        .find((d) => d.tagName === tag);
      if (!found) throw new Error(`${tag} is not in custom-elements.json`);
      return found;
    };
    const cssProperties = (d: Declaration) =>
      ((d as { cssProperties?: { name: string }[] }).cssProperties ?? []).map((p) => p.name);

    it('<xq-provider>: base-url, locale and theme attributes; fetchToken a property only', () => {
      const provider = find('xq-provider');
      expect(provider.summary).to.be.a('string').and.not.equal('');
      expect(provider.attributes?.map((a) => a.name)).to.include.members([
        'base-url',
        'locale',
        'theme',
      ]);
      const fetchToken = provider.members?.find((m) => m.name === 'fetchToken');
      expect(fetchToken?.attribute).to.equal(undefined);
    });

    it('<xq-hotline-card>: attributes, typed xq-error, parts and --xq-hotline-card-* properties', () => {
      const card = find('xq-hotline-card');
      expect(card.attributes?.map((a) => a.name)).to.include.members([
        'org-unit',
        'audience',
        'variant',
        'heading-level',
      ]);
      expect(card.events).to.deep.include.members([
        {
          name: 'xq-error',
          type: { text: 'XqErrorEvent' },
          description: 'Local lines could not be loaded (the national lines stay).',
        },
      ]);
      expect(card.cssParts?.map((p) => p.name)).to.include.members(['card', 'call', 'copy']);
      expect(cssProperties(card).every((n) => n.startsWith('--xq-hotline-card-'))).to.equal(true);
      expect(cssProperties(card).length).to.be.greaterThan(5);
    });

    it('<xq-parent-school-signup>: school attribute, xq-signup and xq-cancel events', () => {
      const signup = find('xq-parent-school-signup');
      expect(signup.attributes?.map((a) => a.name)).to.include('school');
      const events = signup.events?.map((e) => `${e.name}:${e.type?.text}`);
      expect(events).to.include.members([
        'xq-signup:XqSignupEvent',
        'xq-cancel:XqCancelEvent',
        'xq-error:XqErrorEvent',
      ]);
      expect(
        cssProperties(signup).every((n) => n.startsWith('--xq-parent-school-signup-')),
      ).to.equal(true);
    });
  });
});

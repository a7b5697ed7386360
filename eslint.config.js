// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'storybook-static/**',
      'reports/**',
      '**/.data/**',
      '**/.turbo/**',
      '**/custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Web components: Lit template rules, custom-element hygiene, and accessibility in templates.
    files: ['packages/elements/**/*.ts', 'apps/portal-demo/src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['packages/elements/**/*.ts', 'apps/portal-demo/src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['packages/elements/**/*.ts', 'apps/portal-demo/src/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    // Scripts and command-line entry points talk to a terminal.
    files: [
      'scripts/**',
      '**/scripts/**',
      '**/bench/**',
      '**/cli.ts',
      '**/server.ts',
      '**/backend/main.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);

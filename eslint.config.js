import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', '.cache/', 'node_modules/', 'tests/screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The core runs the same in the extension, in Node scripts and in vitest: browser APIs stay at the edges.
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['chrome', 'browser', 'document', 'window', 'localStorage', 'navigator', 'location'].map((name) => ({
          name,
          message: 'models/ is browser-free: pass what it needs in from entrypoints/.',
        })),
      ],
      'no-restricted-imports': ['error', { patterns: ['wxt/*', '**/entrypoints/**', '**/components/**'] }],
    },
  },
  {
    // The bundled lexicon and tone model are for Node and the build; the background fetches them when it needs them.
    files: ['entrypoints/**/*.ts', 'entrypoints/**/*.tsx', 'components/**/*.ts', 'components/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/catalogue/shipped-tones'], message: 'Use toneProfiler() from the background.' }] },
      ],
    },
  },
);

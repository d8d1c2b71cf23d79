// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

/**
 * The one-way arrows between the rooms (DESIGN.md): `schema ← sdk ← elements`,
 * `schema ← hub ← server`, `hub ← mocks` (and `schema ← mocks`): the browsers' packages never
 * import the hub's domain. A package may import only what its arrows allow;
 * stories, examples and tests may import anything.
 * @type {Record<string, string[]>}
 */
const mayImport = {
  schema: [],
  sdk: ['schema'],
  elements: ['schema', 'sdk'],
  hub: ['schema'],
  server: ['schema', 'hub'],
  mocks: ['schema', 'hub'],
};
const rooms = Object.keys(mayImport);

/** @param {string} room */
function arrowsFor(room) {
  const forbidden = rooms.filter((other) => other !== room && !mayImport[room]?.includes(other));
  /** @type {{ group: string[], message: string }[]} */
  const patterns = forbidden.map((other) => ({
    group: [`@hubkit/${other}`, `@hubkit/${other}/*`, `**/${other}/src/**`],
    message: `@hubkit/${room} may not import @hubkit/${other}: the arrows in DESIGN.md point ${
      mayImport[room]?.length ? `only to ${mayImport[room].map((r) => `@hubkit/${r}`).join(', ')}` : 'nowhere'
    } from ${room}.`,
  }));
  if (room === 'schema' || room === 'hub') {
    // The shared language and the hub's domain are pure: no I/O, no DOM, no Node built-ins, so
    // they run anywhere (the hub in the mocks, in browsers too).
    patterns.push({ group: ['node:*'], message: `@hubkit/${room} is pure: no Node built-ins.` });
  }
  if (room === 'hub') {
    // Framework-free: the server brings Hono, the mocks bring msw.
    patterns.push({
      group: ['hono', 'hono/*', '@hono/*', 'msw', 'msw/*'],
      message: '@hubkit/hub is framework-free: HTTP frameworks belong to the server and the mocks.',
    });
  }
  // Full zod pulls in ~23 KiB against ~7 KiB for zod/mini in a browser bundle.
  const paths =
    room === 'schema'
      ? ['zod', 'zod/v4'].map((name) => ({
          name,
          message: 'Author schemas with zod/mini to keep browser bundles small.',
        }))
      : [];
  return {
    files: [`packages/${room}/src/**/*.ts`],
    // Tests and browser test pages may import anything.
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: { 'no-restricted-imports': ['error', { patterns, paths }] },
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/storybook-static/**',
      '**/coverage/**',
      '**/.tmp/**',
      'docs/api/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // node:test's describe/it return promises that the runner awaits itself. Tests read JSON
    // answers loosely and check them with assertions at run time.
    files: ['**/*.test.ts', '**/testing/**'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Type-level tests: values exist only to be checked by tsc, so their idioms (an empty
    // `expectType<T>()`, `void` of a declared function, loop variables read as types) are fine.
    files: ['**/*.check.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    // Web components: lit's template rules and the custom-element best practices.
    files: ['packages/elements/src/**/*.ts', 'stories/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/best-practice']],
  },
  ...rooms.map(arrowsFor),
);

/**
 * Storybook for @hubkit/elements: web components on Vite, controls and docs from the Custom
 * Elements Manifest, the accessibility addon on, the API answered by @hubkit/mocks in the page.
 */
import { readFileSync } from 'node:fs';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions, mergeConfig, type Plugin } from 'vite';
import { standardDecorators } from '../scripts/vite-standard-decorators.mjs';

/**
 * `virtual:hubkit/custom-elements.json`: the Custom Elements Manifest of @hubkit/elements, made
 * from the sources by scripts/storybook.mjs before Storybook starts (the analyser and settings of
 * the one the package ships). A module of the bundle, not a file import, so type-checking never
 * needs a generated file.
 */
const MANIFEST = 'virtual:hubkit/custom-elements.json';
const manifestFile = new URL('../.tmp/storybook/custom-elements.json', import.meta.url);
const customElementsManifest: Plugin = {
  name: 'hubkit:custom-elements-manifest',
  resolveId: (id) => (id === MANIFEST ? `\0${MANIFEST}` : null),
  load(id) {
    if (id !== `\0${MANIFEST}`) return null;
    this.addWatchFile(manifestFile.pathname);
    // JSON: Vite's JSON plugin makes it a module (the id ends in .json).
    return readFileSync(manifestFile, 'utf8');
  },
};

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  viteFinal(vite) {
    return mergeConfig(vite, {
      // TypeScript through esbuild, not Vite 8's Oxc, which leaves standard decorators in.
      plugins: [standardDecorators(), customElementsManifest],
      // Nor Oxc nor Rolldown reads a tsconfig: esbuild has compiled the TypeScript, and a
      // tsconfig's project references would make the build depend on every workspace's config.
      oxc: false,
      build: { rolldownOptions: { tsconfig: false } },
      // Workspace packages from their TypeScript sources, as tsc and the tests read them.
      resolve: { conditions: ['source', ...defaultClientConditions] },
      // One copy of lit, prebundled once (else "Multiple versions of Lit loaded" in dev).
      optimizeDeps: { include: ['lit', '@lit/context'] },
    });
  },
};

export default config;

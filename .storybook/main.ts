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

/**
 * lit's production build in `storybook dev` too, as in the built Storybook: its development build
 * logs "Lit is in dev mode" in every story's console. Vite reads the `development|production`
 * condition as the mode; Storybook's own config hook adds it again after viteFinal, so this
 * replaces it last (with both, lit's exports map picks `development`, listed first).
 */
const litProductionBuild: Plugin = {
  name: 'hubkit:lit-production-build',
  enforce: 'post',
  config(config) {
    const conditions = config.resolve?.conditions;
    if (!conditions) return;
    config.resolve = {
      ...config.resolve,
      conditions: [...new Set(conditions.map((c) => (c === 'development|production' ? 'production' : c)))],
    };
  },
};

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // No telemetry, no "what's new" from the internet, and no onboarding checklist box: this
  // Storybook is for looking at hubkit's elements.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  viteFinal(vite) {
    return mergeConfig(vite, {
      // TypeScript through esbuild, not Vite 8's Oxc, which leaves standard decorators in.
      plugins: [standardDecorators(), customElementsManifest, litProductionBuild],
      // Nor Oxc nor Rolldown reads a tsconfig: esbuild has compiled the TypeScript, and a
      // tsconfig's project references would make the build depend on every workspace's config.
      oxc: false,
      build: { rolldownOptions: { tsconfig: false } },
      // Workspace packages from their TypeScript sources, as tsc and the tests read them.
      resolve: { conditions: ['source', ...defaultClientConditions] },
      // One copy of lit, prebundled once with every entry point used: one left out (Storybook's
      // renderer imports lit/directive-helpers.js) loads a second lit-html, and "Multiple versions
      // of Lit loaded" in dev.
      optimizeDeps: {
        include: [
          'lit',
          'lit/decorators.js',
          'lit/directives/if-defined.js',
          'lit/directives/live.js',
          'lit/directive-helpers.js',
          '@lit/context',
        ],
      },
    });
  },
};

export default config;

// The Custom Elements Manifest (dist/custom-elements.json, the package's `customElements`):
// tags, attributes, properties, events, slots, CSS parts and custom properties, from the sources
// and their JSDoc, for editors, frameworks and Storybook's controls and docs.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/testing/**'],
  outdir: 'dist',
  litelement: true,
  // package.json names dist/custom-elements.json itself: the analyser must not rewrite it when
  // Storybook asks for a manifest elsewhere (scripts/storybook.mjs).
  packagejson: false,
  plugins: [
    {
      // The analyser takes the first argument of `new SomeEvent(x)` for an event's name; our event
      // classes take the detail there, and their names are in each class's `@fires`.
      name: 'hubkit-events-from-fires-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.events) {
              declaration.events = declaration.events.filter((event) => event.name?.startsWith('hub-'));
            }
          }
        }
      },
    },
  ],
};

/** Modules that .storybook/main.ts makes for the bundle. */
declare module 'virtual:hubkit/custom-elements.json' {
  /** The Custom Elements Manifest of @hubkit/elements (schema 1.0). */
  const manifest: { schemaVersion: string; modules: unknown[] };
  export default manifest;
}

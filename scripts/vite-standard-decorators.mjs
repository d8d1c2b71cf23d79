// @ts-check
// A Vite plugin for this repository's TypeScript sources (workspace packages are read from
// source through the `source` condition): esbuild compiles them, because Vite 8's own transform
// (Oxc) leaves standard decorators (lit's `@property()` on `accessor` fields) in its output,
// which browsers cannot run yet. Used by Storybook (.storybook/main.ts) and the React example
// (examples/react-app/serve.ts). An app on the published, compiled package needs none of this.
import { transform } from 'esbuild';

/** @returns {import('vite').Plugin} */
export function standardDecorators() {
  return {
    name: 'hubkit:standard-decorators',
    enforce: 'pre',
    async transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!/\.[cm]?ts$/.test(file) || file.includes('/node_modules/')) return null;
      const out = await transform(code, {
        loader: 'ts',
        target: 'es2022',
        sourcefile: file,
        sourcemap: 'external',
        tsconfigRaw: {
          compilerOptions: {
            experimentalDecorators: false,
            useDefineForClassFields: true,
            verbatimModuleSyntax: true,
          },
        },
      });
      return { code: out.code, map: out.map };
    },
  };
}

import type { Plugin } from 'vite';
/** Compiles the repository's TypeScript with esbuild so standard decorators are lowered. */
export declare function standardDecorators(): Plugin;

export function readManifest(packageDir: string): {
  name: string;
  type?: string;
  sideEffects?: boolean | string[];
  engines?: Record<string, string>;
  files?: string[];
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
};
export function moduleSpecifiers(packageDir: string): string[];
export function runtimeExports(specifiers: string[]): Record<string, string[]>;
export function typeExports(
  specifiers: string[],
  environment: 'browser' | 'node',
): { diagnostics: string[]; names: Record<string, string[]> };

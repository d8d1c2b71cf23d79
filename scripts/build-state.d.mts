export const SHARED_INPUTS: string[];
export function workspacePackages(root: string): { dir: string; name: string; deps: string[] }[];
export function inputsHash(
  root: string,
  dir: string,
  packages?: ReturnType<typeof workspacePackages>,
): string;
export function stalePackages(root: string): string[];
export function writeStamp(root: string, dir: string, hash: string): void;

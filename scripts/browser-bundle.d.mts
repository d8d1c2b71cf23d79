export function bundleForBrowser(entry: { input: string } | { contents: string }): Promise<string>;

// A wtr server command that emulates CSS media features in the test's own Chromium page through
// the DevTools Protocol (`Emulation.setEmulatedMedia`). @web/test-runner-commands' emulateMedia
// knows `prefers-color-scheme` and `prefers-reduced-motion` only; forced colours (Windows High
// Contrast) need `forced-colors: active`, which Chromium then really renders: it replaces colours
// with the system palette, as Windows does.
// In a test: `await executeServerCommand('emulate-media-features', [{ name: 'forced-colors', value: 'active' }])`.
export function emulateMediaFeaturesPlugin() {
  // DevTools keeps an emulation only while the session that set it stays attached: one a page.
  const sessions = new WeakMap();
  return {
    name: 'hubkit-emulate-media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-media-features') return undefined;
      const page = session.browser.getPage?.(session.id);
      if (!page) throw new Error(`emulate-media-features is not supported in ${session.browser.name}`);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      await sessions.get(page).send('Emulation.setEmulatedMedia', { features: payload ?? [] });
      return true;
    },
  };
}

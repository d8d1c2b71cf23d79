import { html, type TemplateResult } from 'lit';

/**
 * The display variants every element has a story for, as story annotations to spread into a
 * story beside its own `play`: the same names, tags and settings in every file, so the story
 * test (stories.test.ts) treats them alike. Storybook's indexer reads `tags` from the story's
 * source text, so a story spreading one of these writes its tags out too (the test checks).
 */

/** The dark token set, on a dark background. */
export const darkTheme = {
  name: 'Dark theme',
  args: { theme: 'dark' as const },
  globals: { backgrounds: { value: 'dark' } },
};

/**
 * Above a forced-colours story: whether forced colours are on. A page cannot turn them on
 * itself (only the system, or DevTools' emulation, can), so the story says how, and says
 * plainly when what it shows is not forced colours at all.
 */
function forcedColoursNote(story: () => unknown): TemplateResult {
  const on = matchMedia('(forced-colors: active)').matches;
  return html`<p data-forced-colours=${on ? 'on' : 'off'}>
      ${
        on
          ? 'Forced colours are on: this is how Windows High Contrast shows the element.'
          : 'Forced colours are off, so this looks like any other story. To see it as Windows High Contrast shows it, open the browser’s developer tools › Rendering › “Emulate CSS media feature forced-colors” › active (the story test does this through the DevTools Protocol), or turn on a contrast theme in Windows.'
      }
    </p>
    ${story()}`;
}

/** Windows High Contrast and the like: the story test opens it with `forced-colors: active`. */
export const forcedColours = {
  name: 'Forced colours',
  tags: ['forced-colors'],
  decorators: [forcedColoursNote],
  parameters: {
    docs: {
      description: {
        story:
          'Tagged `forced-colors`: the story test opens it with `forced-colors: active` emulated over the DevTools Protocol, and checks that every text in the element keeps 4.5:1 against the backplate the system paints behind it. To see it, emulate the CSS media feature `forced-colors` in the browser’s developer tools (Rendering), or turn on a Windows contrast theme.',
      },
    },
  },
};

/** The narrowest phone WCAG reflow asks for: the story test opens it 320 px wide. */
export const narrowMobile = {
  name: 'Narrow mobile (320 px)',
  tags: ['narrow'],
  globals: { viewport: { value: 'mobile1', isRotated: false } },
};

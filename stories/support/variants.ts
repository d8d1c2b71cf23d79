/**
 * The display variants every element has a story for, as story annotations to spread into a
 * story beside its own `play`: the same names, tags and settings in every file, so the story
 * test (stories.test.ts) treats them alike.
 */

/** The dark token set, on a dark background. */
export const darkTheme = {
  name: 'Dark theme',
  args: { theme: 'dark' as const },
  globals: { backgrounds: { value: 'dark' } },
};

/** Windows High Contrast and the like: the story test opens it with `forced-colors: active`. */
export const forcedColours = {
  name: 'Forced colours',
  tags: ['forced-colors'],
  parameters: {
    docs: {
      description: {
        story:
          'Tagged `forced-colors`: the story test opens it with `forced-colors: active`. To see it, emulate the CSS media feature `forced-colors` in the browser’s developer tools (Rendering).',
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
